using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using OtMz.Hosting;

namespace OtMz.StorageTests;

/// <summary>The test cluster's client, finding the silos through the membership table.</summary>
internal sealed class PostgresClusterClient : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder client) =>
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = ClusterStorage.Invariant;
            o.ConnectionString = ClusterStorage.ConnectionString(configuration);
        });
}
