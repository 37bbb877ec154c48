using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;

namespace OtMz.StorageTests;

/// <summary>
/// A silo's start-up warm against the looks table: every shard is loaded before the silo counts as started, a few at a
/// time, and the silo allows a shard's activation as long as the warm call waits for it, not Orleans' default 30 s.
/// </summary>
[Collection(PostgresCollection.Name)]
public class CatalogWarmTests(PostgresServer server)
{
    [Fact]
    public async Task A_started_silo_holds_every_look_of_the_table_and_lets_a_shard_load_for_as_long_as_the_warm_waits()
    {
        var database = await server.CreateUniqueDatabaseAsync("catalogwarm");
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(1_500, seed: 5, CancellationToken.None);

        var cluster = await PlatformCluster.StartAsync<PostgresClusterSilo>(database, "otmz-warm", "otmz-warm-cluster", silos: 1, shardCount: 5,
            new Dictionary<string, string> { ["Catalog:WarmParallelism"] = "1" });
        try
        {
            var silo = Assert.IsType<InProcessSiloHandle>(Assert.Single(cluster.Silos)).SiloHost.Services;
            Assert.True(silo.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.ActivationTimeout >= CatalogShardLoad.TimeoutSpan);

            // Every shard answers from the slice the warm loaded: together they hold the whole table.
            var statuses = await Task.WhenAll(Enumerable.Range(0, 5).Select(s => cluster.Client.GetGrain<ICatalogShardGrain>(s).Status()));
            Assert.Equal(1_500, statuses.Sum(s => s.Looks));
            Assert.All(statuses, s => Assert.InRange(s.Looks, 1, 1_499));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
