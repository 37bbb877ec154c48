using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OtMz.Grains.Catalog;

namespace OtMz.Hosting;

/// <summary>
/// Activates every catalog shard once the silo is active, so that the first user's query does not pay for
/// loading the catalog. Startup completes only after the catalog is in memory.
/// </summary>
internal sealed class CatalogWarmup(IGrainFactory grains, IOptions<CatalogOptions> options, ILogger<CatalogWarmup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CatalogWarmup), ServiceLifecycleStage.Active, WarmAsync);

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var counts = await Task.WhenAll(CatalogFanOut.Shards(grains, options.Value.ShardCount).Select(s => s.Count()));
        logger.LogInformation("Catalog ready: {LookCount} looks in {ShardCount} shards after {Elapsed}",
            counts.Sum(), counts.Length, TimeProvider.System.GetElapsedTime(started));
    }
}
