using Orleans.TestingHost;

namespace OtMz.StorageTests;

/// <summary>
/// Starts a test cluster of the platform's silos on a PostgreSQL database, as the cluster mode runs them: ADO.NET
/// clustering and storage, the given shard count, and <typeparamref name="TSilo"/> to set each silo up.
/// </summary>
internal static class PlatformCluster
{
    public static Task<TestCluster> StartAsync(string connectionString, string serviceId, string clusterId, short silos, int shardCount) =>
        StartAsync<PostgresClusterSilo>(connectionString, serviceId, clusterId, silos, shardCount);

    public static async Task<TestCluster> StartAsync<TSilo>(string connectionString, string serviceId, string clusterId, short silos, int shardCount,
        IReadOnlyDictionary<string, string>? settings = null)
        where TSilo : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = clusterId;
        builder.Options.UseTestClusterMembership = false;
        builder.Properties["ConnectionStrings:Postgres"] = connectionString;
        builder.Properties["Catalog:ShardCount"] = shardCount.ToString();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<TSilo>();
        builder.AddClientBuilderConfigurator<PostgresClusterClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
