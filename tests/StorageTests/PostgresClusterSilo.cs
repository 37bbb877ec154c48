using Orleans.TestingHost;
using OtMz.Hosting;

namespace OtMz.StorageTests;

/// <summary>A test-cluster silo set up as the cluster mode's silos are: ADO.NET clustering and the platform's grains on PostgreSQL.</summary>
internal sealed class PostgresClusterSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = ClusterStorage.Invariant;
            o.ConnectionString = ClusterStorage.ConnectionString(silo.Configuration);
        });
        silo.AddOtMzGrains(silo.Configuration);
    }
}
