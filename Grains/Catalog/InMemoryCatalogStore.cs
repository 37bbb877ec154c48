using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OtMz.Grains.Demo;

namespace OtMz.Grains.Catalog;

/// <summary>
/// The embedded run's catalog: the seeded demo catalog, generated once per silo process, plus live admin
/// writes. Each silo has its own copy, so it suits one silo (or a test cluster reading the same seed), not a
/// cluster that takes writes. The split into shards is computed once and reused by every shard's activation
/// until a write changes the catalog.
/// </summary>
public sealed class InMemoryCatalogStore(IOptions<CatalogOptions> options, ILogger<InMemoryCatalogStore>? logger = null) : ICatalogStore
{
    // Generated on the thread pool and awaited: the shards' activations ask for it together, and blocking each of
    // their turns on one generator held the silo's threads for the whole generation, long enough on a small machine
    // for Orleans' watchdog to report a possible deadlock on the first start.
    private readonly Lazy<Task<ConcurrentDictionary<string, Look>>> _looks = new(() => Task.Run(() =>
    {
        var (count, seed) = (options.Value.DemoLooks, options.Value.DemoSeed);
        var started = Stopwatch.GetTimestamp();
        logger?.LogInformation("Generating the demo catalog: {LookCount} looks from seed {Seed} …", count, seed);
        var generated = DemoCatalog.Generate(count, seed);
        logger?.LogInformation("Demo catalog generated: {LookCount} looks in {Elapsed:0.0} s", generated.Length, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new ConcurrentDictionary<string, Look>(generated.Select(l => KeyValuePair.Create(l.Id, l)), StringComparer.Ordinal);
    }));

    private readonly Lock _partitionLock = new();
    private long _version;
    private Partition? _partition;

    public async Task<IReadOnlyList<Look>> LoadShardAsync(int shard, int shardCount, CancellationToken cancellationToken)
    {
        var looks = await _looks.Value.WaitAsync(cancellationToken);
        Partition partition;
        lock (_partitionLock)
        {
            var version = Interlocked.Read(ref _version);
            if (_partition is not { } current || current.ShardCount != shardCount || current.Version != version)
            {
                current = new Partition(shardCount, version, looks.Values.ToLookup(l => ShardRouter.ShardOf(l.Id, shardCount)));
                _partition = current;
            }

            partition = current;
        }

        return [.. partition.Slices[shard]];
    }

    public async Task UpsertAsync(Look look, CancellationToken cancellationToken)
    {
        (await _looks.Value)[look.Id] = look;
        Interlocked.Increment(ref _version);
    }

    public async Task<bool> DeleteAsync(string lookId, CancellationToken cancellationToken)
    {
        var removed = (await _looks.Value).TryRemove(lookId, out _);
        Interlocked.Increment(ref _version);
        return removed;
    }

    private sealed record Partition(int ShardCount, long Version, ILookup<int, Look> Slices);
}
