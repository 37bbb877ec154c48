using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OtMz.Grains;
using OtMz.Grains.Catalog;
using OtMz.Grains.Demo;
using OtMz.Hosting;

namespace OtMz.ClusterTests;

/// <summary>
/// Shards big enough for the approximate index build it in the background and then answer the fan-out from it:
/// through the real silo, the configuration that turns it on, the recall each build measured on itself, and recall
/// against exact search on the same looks.
/// </summary>
public sealed class ShardIndexTests : IAsyncLifetime
{
    private const int Looks = 12_000;
    private const int Shards = 4;

    private readonly TestCluster _cluster = new TestClusterBuilder(1).AddSiloBuilderConfigurator<Configurator>().Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task BigShardsBuildTheirIndexAndTheFanOutKeepsRecallAbove99Percent()
    {
        var grains = _cluster.Client;
        var statuses = await WaitForIndexesAsync(grains);
        Assert.All(statuses, s => Assert.Equal(s.Looks, s.IndexedLooks));
        Assert.All(statuses, s => Assert.True(s.IndexLists > 1, $"{s.IndexLists} lists"));
        Assert.All(statuses, s => Assert.Equal(CatalogIndexState.Indexed, s.State));

        // Each build checked itself on 32 sampled queries before it took over, probing as the fan-out below does.
        Assert.All(statuses, s => Assert.Equal(32, s.SelfCheck!.Queries));
        Assert.All(statuses, s => Assert.True(s.SelfCheck!.RecallAt20 >= 0.99, $"shard {s.Shard}: self-check recall@20 {s.SelfCheck!.RecallAt20:F4}"));
        Assert.All(statuses, s => Assert.True(s.BytesPerLook > 23 * 4, $"shard {s.Shard}: {s.BytesPerLook} bytes per look"));
        Assert.Equal(Looks, statuses.Sum(s => s.Looks));

        var exact = new LookSlice();
        foreach (var look in DemoCatalog.Generate(Looks, 42))
        {
            exact.Upsert(look);
        }

        var rng = new Random(5);
        double found = 0, wanted = 0;
        foreach (var filter in new[] { LookFilter.None, new LookFilter(Gender.Women, Season.Winter) })
        {
            for (var q = 0; q < 60; q++)
            {
                var query = LookSliceLikeQuery(rng);
                var truth = exact.TopK(query, 20, filter).Select(h => h.Look.Id).ToHashSet();
                var hits = await CatalogFanOut.QueryAsync(grains, Shards, new ShardQuery([.. query], 20, filter));
                found += hits.Count(h => truth.Contains(h.Look.Id));
                wanted += truth.Count;
            }
        }

        Assert.True(found / wanted >= 0.99, $"recall@20 {found / wanted:F4}");
    }

    // Each shard starts its build when it activates (the silo's catalog warm-up activates them); the status call
    // returns once that build has taken over.
    private static Task<CatalogShardStatus[]> WaitForIndexesAsync(IGrainFactory grains) =>
        Task.WhenAll(Enumerable.Range(0, Shards).Select(s => grains.GetGrain<ICatalogShardGrain>(s).Status(afterIndexBuild: true)));

    private static float[] LookSliceLikeQuery(Random rng)
    {
        var values = new float[StyleTaxonomy.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = rng.Next(3) == 0 ? (float)rng.NextDouble() : 0f;
        }

        values[rng.Next(values.Length)] += 0.1f + (float)rng.NextDouble();
        return values;
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) =>
            silo.AddOtMzGrains(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Catalog:DemoLooks"] = Looks.ToString(),
                ["Catalog:DemoSeed"] = "42",
                ["Catalog:ShardCount"] = Shards.ToString(),
                ["Catalog:AnnMinLooks"] = "1000",
                // Probe always, so the test measures the approximate path rather than the exact fallback.
                ["Catalog:Ann:ExactBelowRows"] = "0",
                ["Catalog:Ann:ExactBelowShare"] = "0",
            }).Build());
    }
}
