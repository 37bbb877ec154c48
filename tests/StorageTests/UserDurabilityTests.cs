using OtMz.Grains.Interfaces;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OtMz.Silo;
using OtMz.Silo.Storage;

namespace OtMz.StorageTests;

/// <summary>
/// The real user grain on the cluster mode's storage (configured by AddOtMzGrains from a connection
/// string, as the Silo does): what a user has done survives deactivation and a restart of every silo, no
/// accepted signal is lost under concurrency, and a version conflict is absorbed.
/// </summary>
[Collection(PostgresCollection.Name)]
public class UserDurabilityTests(PostgresServer server)
{
    private const string ServiceId = "otmz-durability";
    private const int ShardCount = 4;

    private static Task<TestCluster> StartAsync(string connectionString) =>
        PlatformCluster.StartAsync(connectionString, ServiceId, "otmz-durability-cluster", silos: 2, ShardCount);

    private async Task<string> PreparedDatabaseAsync(string prefix)
    {
        var database = await server.CreateUniqueDatabaseAsync(prefix);
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(500, seed: 42, CancellationToken.None);
        return database;
    }

    private static Signal Like(string id, int look) => new(id, SignalType.Like, LookId: Grains.Demo.DemoCatalog.IdOf(look));

    [Fact]
    public async Task TasteProfileAndDedupeWindowSurviveDeactivationAndARestartOfEverySilo()
    {
        var database = await PreparedDatabaseAsync("durable");
        TasteSnapshot before;
        var cluster = await StartAsync(database);
        try
        {
            var user = cluster.Client.GetGrain<IUserGrain>("mina");
            await user.UpdateProfile(new UserProfile(Gender.Women, 1998, "seoul", Occasion.Work));
            Assert.NotNull((await user.ApplySignals([Like("s1", 3), Like("s2", 7), new Signal("s3", SignalType.Colour, Colour: Colour.Navy)])).Ack);
            await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            before = await user.GetTaste();
            Assert.Equal(Colour.Navy, before.Colours[0].Colour);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        var restarted = await StartAsync(database);
        try
        {
            var user = restarted.Client.GetGrain<IUserGrain>("mina");
            var after = await user.GetTaste();
            var summary = await user.GetSummary();
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(before.Vector.ToArray(), after.Vector.ToArray());
            Assert.Equal(new UserProfile(Gender.Women, 1998, "seoul", Occasion.Work), summary.Profile);
            Assert.Equal(3, summary.SignalsApplied);

            var again = await user.ApplySignals([Like("s1", 3)]);
            Assert.Equal(new SignalAck(0, 1, before.Version), again.Ack);
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task FiftyConcurrentClientsSendingTwoThousandSignalsLoseNone()
    {
        const int clients = 50;
        const int perClient = 40;
        var database = await PreparedDatabaseAsync("concurrent");
        var cluster = await StartAsync(database);
        try
        {
            var acks = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
            {
                var accepted = 0;
                for (var i = 0; i < perClient; i++)
                {
                    var signal = i % 2 == 0
                        ? Like($"c{c}-{i}", (c * perClient + i) % 500)
                        : new Signal($"c{c}-{i}", SignalType.Colour, Colour: (Colour)(i % 21));
                    var result = await cluster.Client.GetGrain<IUserGrain>("busy").ApplySignals([signal]);
                    accepted += result.Ack!.Accepted;
                }

                return accepted;
            }));

            Assert.Equal(clients * perClient, acks.Sum());
            Assert.Equal(clients * perClient, (await cluster.Client.GetGrain<IUserGrain>("busy").GetSummary()).SignalsApplied);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        // What was acknowledged is what is stored: read back after every silo is gone.
        var restarted = await StartAsync(database);
        try
        {
            Assert.Equal(clients * perClient, (await restarted.Client.GetGrain<IUserGrain>("busy").GetSummary()).SignalsApplied);
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task AVersionConflictIsReloadedAndAppliedNotSurfaced()
    {
        var database = await PreparedDatabaseAsync("etag");
        var cluster = await StartAsync(database);
        try
        {
            var user = cluster.Client.GetGrain<IUserGrain>("contested");
            var first = await user.ApplySignals([Like("a", 1)]);
            Assert.NotNull(first.Ack);

            // Another writer moves the stored row on, as a second activation would during a failover.
            var bumped = await Db.ScalarAsync<int>(database,
                "UPDATE orleans_storage SET version = version + 1 WHERE grain_id_extension = 'contested' RETURNING version");
            Assert.True(bumped > 1);

            var second = await user.ApplySignals([Like("b", 2)]);

            Assert.NotNull(second.Ack);
            Assert.Equal(1, second.Ack.Accepted);
            Assert.Equal(2, (await user.GetSummary()).SignalsApplied);
            Assert.True(await Db.ScalarAsync<int>(database, "SELECT version FROM orleans_storage WHERE grain_id_extension = 'contested'") > bumped);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task AdminLookWritesReachPostgreSqlAndTheLiveShardAndSurviveARestart()
    {
        var database = await PreparedDatabaseAsync("catalog");
        var look = Grains.Demo.DemoCatalog.Create(9, seed: 1) with { Id = "look-written-live", Title = "Written live" };
        var cluster = await StartAsync(database);
        try
        {
            Assert.Equal(500, (await Task.WhenAll(Grains.Catalog.CatalogFanOut.Shards(cluster.Client, ShardCount).Select(s => s.Count()))).Sum());
            await cluster.Client.GetGrain<ICatalogGrain>(0).Upsert(look);
            Assert.Equal("Written live", (await Grains.Catalog.CatalogFanOut.GetAsync(cluster.Client, ShardCount, look.Id))?.Title);
            Assert.True(await cluster.Client.GetGrain<ICatalogGrain>(0).Delete(Grains.Demo.DemoCatalog.IdOf(0)));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        Assert.Equal(1L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM looks WHERE id = 'look-written-live'"));
        Assert.Equal(0L, await Db.ScalarAsync<long>(database, $"SELECT count(*) FROM looks WHERE id = '{Grains.Demo.DemoCatalog.IdOf(0)}'"));
        var restarted = await StartAsync(database);
        try
        {
            var reloaded = await Grains.Catalog.CatalogFanOut.GetAsync(restarted.Client, ShardCount, look.Id);
            Assert.NotNull(reloaded);
            Assert.Equal(look.StyleVector.ToArray(), reloaded.StyleVector.ToArray());
            Assert.Equal(look.Palette.Select(p => $"{p.Colour}:{p.Weight:R}"), reloaded.Palette.Select(p => $"{p.Colour}:{p.Weight:R}"));
            Assert.Equal(look.Garments.AsEnumerable(), reloaded.Garments.AsEnumerable());
            Assert.Null(await Grains.Catalog.CatalogFanOut.GetAsync(restarted.Client, ShardCount, Grains.Demo.DemoCatalog.IdOf(0)));
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }
}
