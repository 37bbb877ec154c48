using System.Collections.Immutable;
using Orleans.TestingHost;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;

namespace OtMz.StorageTests;

/// <summary>
/// Experiments on the cluster mode's storage: a definition, its stop and its counts survive a restart of every
/// silo, and counts a silo gathered but had not flushed yet reach their counter as the silo stops.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ExperimentDurabilityTests(PostgresServer server)
{
    private static Task<TestCluster> StartAsync(string connectionString) =>
        PlatformCluster.StartAsync(connectionString, "otmz-experiments", "otmz-experiments-cluster", silos: 2, shardCount: 4);

    [Fact]
    public async Task DefinitionsStopsAndCountsSurviveARestartOfEverySilo()
    {
        var database = await server.CreateUniqueDatabaseAsync("experiments");
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(500, seed: 42, CancellationToken.None);
        ExperimentArm arm;
        Experiment stopped;
        var cluster = await StartAsync(database);
        try
        {
            var registry = cluster.Client.GetGrain<IExperimentRegistryGrain>(0);
            var only = new ExperimentVariant("only", 1, ImmutableSortedDictionary<string, double>.Empty.Add("Ranking:SeenPenalty", 0.4));
            Assert.Empty((await registry.Define(new ExperimentDraft("kept", [only]))).Errors);
            Assert.Empty((await registry.Define(new ExperimentDraft("ended", [only with { Options = ImmutableSortedDictionary<string, double>.Empty }]))).Errors);
            stopped = (await registry.Stop("ended")).Experiment!;

            var user = cluster.Client.GetGrain<IUserGrain>("mina");
            var looks = await user.GetRecommendations(new RecommendationQuery(5));
            arm = Assert.Single(looks.Experiments);
            Assert.NotNull((await user.ApplySignals([new Signal("like", SignalType.Like, LookId: looks.Items[0].Look.Id)])).Ack);
        }
        finally
        {
            // Nothing flushed the counts yet (the period is two seconds): stopping the silos does.
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        var restarted = await StartAsync(database);
        try
        {
            var registry = restarted.Client.GetGrain<IExperimentRegistryGrain>(0);
            var kept = await registry.Get("kept");
            Assert.NotNull(kept);
            Assert.Equal(0.4, kept.Variants[0].Options["Ranking:SeenPenalty"]);
            var ended = (await registry.Get("ended"))!;
            Assert.Equal((stopped.StartsAt, stopped.StopsAt, stopped.CreatedAt), (ended.StartsAt, ended.StopsAt, ended.CreatedAt));
            Assert.Equal("stopped", ended.StatusAt(DateTimeOffset.UtcNow));
            Assert.Equal(["kept", "ended"], (await registry.List()).Select(e => e.Name));

            var counts = (await registry.Report("kept", null)).Report!.Variants.Single().Counts;
            Assert.Equal(1, counts.Likes);
            Assert.True(counts.Impressions >= 5, $"{counts.Impressions}");
            Assert.Equal(arm, Assert.Single((await restarted.Client.GetGrain<IUserGrain>("mina").GetRecommendations(new RecommendationQuery(5))).Experiments));
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }
}
