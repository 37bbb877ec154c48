using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OtMz.Grains;
using OtMz.Grains.Catalog;
using OtMz.Grains.Interfaces;
using OtMz.Hosting;
using OtMz.Hosting.Storage;
using OtMz.TestShared;

namespace OtMz.StorageTests;

/// <summary>
/// The idempotency guarantee on the cluster mode's storage: the signal ids a user sent are read back from PostgreSQL
/// by a new activation, so a replay of ten thousand signals, in order and shuffled, is all duplicates. The grains
/// read a fake clock (<see cref="GrainClock"/>), so "a day later" needs no waiting.
/// </summary>
[Collection(PostgresCollection.Name)]
public class SignalReplayDurabilityTests(PostgresServer server)
{
    private const int ShardCount = 4;
    private const int Looks = 500;
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    // Silo configurators are created by type, so the clock is reached through a static; tests here only move it on.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 11, 24, 9, 0, 30, TimeSpan.Zero));

    private sealed class ClockedPostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            new PostgresClusterSilo().Configure(silo);
            silo.Services.AddKeyedSingleton<TimeProvider>(GrainClock.Key, Clock);
        }
    }

    private async Task<(TestCluster Cluster, string Database)> StartAsync(string prefix)
    {
        var database = await server.CreateUniqueDatabaseAsync(prefix);
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(Looks, seed: 42, CancellationToken.None);
        var cluster = await PlatformCluster.StartAsync<ClockedPostgresSilo>(database, "otmz-replay", $"otmz-replay-{prefix}", silos: 2, ShardCount);
        return (cluster, database);
    }

    private static async Task StopAsync(TestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task TenThousandSignalsReplayedFromANewActivationInOrderAndShuffledAreAllDuplicatesAndChangeNothing()
    {
        var (cluster, database) = await StartAsync("replay");
        try
        {
            const string userId = "replayer";
            var user = cluster.Client.GetGrain<IUserGrain>(userId);
            var signals = Enumerable.Range(0, 10_000).Select(n => SignalRuns.Number("replay", n, Looks)).ToList();
            var firstSent = Clock.GetUtcNow();
            var sent = new List<SignalAck>();
            foreach (var batch in signals.Chunk(SignalRules.MaxBatch))
            {
                sent.AddRange(await SignalRuns.SendInBatchesAsync(user, batch));
                Clock.Advance(TimeSpan.FromMinutes(1));
            }

            Assert.Equal(10_000, sent.Sum(a => a.Accepted));
            var taste = await user.GetTaste();
            var version = (await user.GetSummary()).Version;

            // What the replays below see was read back from the database: the row holds the ids (8 bytes each), and
            // each replay comes to a new activation, just under a day after the first batch.
            var storedBytes = await Db.ScalarAsync<int>(database,
                $"SELECT octet_length(payload_binary) FROM orleans_storage WHERE grain_id_extension = '{userId}' AND grain_type = 'user'");
            Assert.True(storedBytes > 10_000 * sizeof(ulong), $"The stored state is {storedBytes} bytes.");
            Clock.SetUtcNow(firstSent + Day - TimeSpan.FromMinutes(1));
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            await management.ForceActivationCollection(TimeSpan.Zero);
            var inOrder = await SignalRuns.SendInBatchesAsync(user, signals);
            await management.ForceActivationCollection(TimeSpan.Zero);
            var shuffled = await SignalRuns.SendInBatchesAsync(user, signals.OrderBy(_ => Random.Shared.Next()));

            Assert.All(inOrder.Concat(shuffled), ack => Assert.Equal(new SignalAck(0, SignalRules.MaxBatch, version), ack));
            Assert.Equal(10_000, inOrder.Sum(a => a.Duplicates));
            Assert.Equal(10_000, shuffled.Sum(a => a.Duplicates));
            var after = await user.GetTaste();
            Assert.Equal(taste.Version, after.Version);
            Assert.Equal(taste.Vector.ToArray(), after.Vector.ToArray());
            Assert.Equal(10_000, (await user.GetSummary()).SignalsApplied);
        }
        finally
        {
            await StopAsync(cluster);
        }
    }
}
