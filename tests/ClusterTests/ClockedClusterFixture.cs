using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OtMz.Grains;
using OtMz.Hosting;

namespace OtMz.ClusterTests;

/// <summary>
/// An in-process silo configured as production silos are, whose grains read a fake clock (<see cref="GrainClock"/>)
/// so that a test can move a day on without waiting. Orleans' own timers keep the real clock. Tests in its
/// collection share the clock and only ever move it forward.
/// </summary>
public sealed class ClockedClusterFixture : IAsyncLifetime
{
    public const int ShardCount = 4;
    public const int DemoLooks = 500;

    // Silo configurators are created by type, so the one clock is reached through a static.
    private static readonly FakeTimeProvider SharedClock = new(new DateTimeOffset(2025, 11, 24, 9, 0, 30, TimeSpan.Zero));

    public FakeTimeProvider Clock => SharedClock;

    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Catalog:DemoLooks"] = DemoLooks.ToString(),
                ["Catalog:DemoSeed"] = "42",
                ["Catalog:ShardCount"] = ShardCount.ToString(),
                // Every ads read asks the registry, so a campaign change is seen by the next read, not a second later.
                ["Ads:RefreshPeriod"] = "00:00:00",
            }).Build();
            silo.AddOtMzGrains(configuration);
            silo.Services.AddKeyedSingleton<TimeProvider>(GrainClock.Key, SharedClock);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClockedClusterCollection : ICollectionFixture<ClockedClusterFixture>
{
    public const string Name = "clocked cluster";
}
