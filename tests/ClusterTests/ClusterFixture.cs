using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OtMz.Hosting;

namespace OtMz.ClusterTests;

/// <summary>An in-process cluster of two silos configured as production silos are, with a small demo catalog.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int ShardCount = 8;

    public TestCluster Cluster { get; } = new TestClusterBuilder(2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The first silo's services, for tests that check how a silo is configured.</summary>
    public IServiceProvider PrimarySilo => (Cluster.Primary as InProcessSiloHandle
        ?? throw new InvalidOperationException("The test cluster's silos run in this process.")).SiloHost.Services;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Catalog:DemoLooks"] = "4000",
                ["Catalog:DemoSeed"] = "42",
                ["Catalog:ShardCount"] = ShardCount.ToString(),
            }).Build();
            silo.AddOtMzGrains(configuration);
            silo.AddIncomingGrainCallFilter<ShardCallCounter>();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
