using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OtMz.Grains.Catalog;

namespace OtMz.Hosting;

/// <summary>
/// Activates every catalog shard once the silo is active, so that the first user's query does not pay for
/// loading the catalog. Startup completes only after the catalog is in memory. Each shard is warmed by
/// <see cref="ICatalogShardGrain.Warm"/>, whose response timeout covers a load of millions of looks, a few shards at
/// a time (<see cref="CatalogOptions.WarmParallelism"/>): every load holds a database connection and its rows in
/// memory until its slice is built, and two cores gain nothing from sixteen loads at once.
/// </summary>
internal sealed class CatalogWarmup(IGrainFactory grains, IOptions<CatalogOptions> options, ILogger<CatalogWarmup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CatalogWarmup), ServiceLifecycleStage.Active, WarmAsync);

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        var catalog = options.Value;
        var parallelism = catalog.WarmParallelism > 0 ? catalog.WarmParallelism : Math.Max(2, Environment.ProcessorCount);
        var started = TimeProvider.System.GetTimestamp();
        var counts = new int[catalog.ShardCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, catalog.ShardCount), parallel, async (shard, _) =>
        {
            var shardStarted = TimeProvider.System.GetTimestamp();
            counts[shard] = await grains.GetGrain<ICatalogShardGrain>(shard).Warm();
            logger.LogInformation("Catalog shard {Shard} warm: {LookCount} looks after {Elapsed} ms",
                shard, counts[shard], (long)TimeProvider.System.GetElapsedTime(shardStarted).TotalMilliseconds);
        });

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        OtMzMetrics.CatalogWarmDuration.Record(elapsed.TotalSeconds);
        logger.LogInformation("Catalog ready: {LookCount} looks in {ShardCount} shards after {Elapsed} ({Parallelism} shards at a time)",
            counts.Sum(), counts.Length, elapsed, parallelism);
    }
}
