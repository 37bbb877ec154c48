using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OtMz.Grains.Experiments;
using OtMz.Hosting;

namespace OtMz.ClusterTests;

/// <summary>
/// Two in-process silos configured as production silos are, for the experiment tests alone: a running experiment
/// changes the options of every user, so it must not share a cluster with tests that expect the defaults. Each
/// silo's copy of the definitions asks the registry on every read (refresh period zero), so a test sees a start or
/// a stop at once; counts reach the counters when a test flushes the silos' tallies.
/// </summary>
public sealed class ExperimentClusterFixture : IAsyncLifetime
{
    public const int ShardCount = 4;

    public TestCluster Cluster { get; } = new TestClusterBuilder(2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.Client;

    public IExperimentRegistryGrain Registry => Grains.GetGrain<IExperimentRegistryGrain>(0);

    /// <summary>Sends every silo's counts to the counter grains, so a report counts everything done so far.</summary>
    public Task FlushCountsAsync() => Task.WhenAll(Cluster.Silos.Select(silo =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<ExperimentTally>().FlushAsync()));

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Catalog:DemoLooks"] = "2000",
                ["Catalog:DemoSeed"] = "42",
                ["Catalog:ShardCount"] = ShardCount.ToString(),
                ["Experiments:RefreshPeriod"] = "00:00:00",
                // Counts are flushed by the tests; the periodic flush must not run between a test's steps.
                ["Experiments:FlushPeriod"] = "01:00:00",
            }).Build();
            silo.AddOtMzGrains(configuration);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ExperimentClusterCollection : ICollectionFixture<ExperimentClusterFixture>
{
    public const string Name = "experiment cluster";
}
