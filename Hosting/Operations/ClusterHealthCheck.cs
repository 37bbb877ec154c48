using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OtMz.Hosting.Operations;

/// <summary>Ready when a grain call round-trips: the catalog grain answers within the check's timeout.</summary>
internal sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var version = await grains.GetGrain<ICatalogGrain>(0).GetVersion().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"catalog version {version}");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", exception);
        }
    }
}
