using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OtMz.Grains.Demo;

namespace OtMz.Grains.Catalog;

/// <summary>
/// The embedded run's catalog: the seeded demo catalog, generated once per silo process, plus live admin
/// writes. Each silo has its own copy, so it suits one silo (or a test cluster reading the same seed), not a
/// cluster that takes writes. The split into shards is computed once and reused by every shard's activation
/// until a write changes the catalog.
/// </summary>
public sealed class InMemoryCatalogStore(IOptions<CatalogOptions> options) : ICatalogStore
{
    private readonly Lazy<ConcurrentDictionary<string, Look>> _looks = new(() =>
    {
        var generated = DemoCatalog.Generate(options.Value.DemoLooks, options.Value.DemoSeed);
        return new ConcurrentDictionary<string, Look>(generated.Select(l => KeyValuePair.Create(l.Id, l)), StringComparer.Ordinal);
    });

    private readonly Lock _partitionLock = new();
    private long _version;
    private Partition? _partition;

    public Task<IReadOnlyList<Look>> LoadShardAsync(int shard, int shardCount, CancellationToken cancellationToken)
    {
        Partition partition;
        lock (_partitionLock)
        {
            var version = Interlocked.Read(ref _version);
            if (_partition is not { } current || current.ShardCount != shardCount || current.Version != version)
            {
                current = new Partition(shardCount, version, _looks.Value.Values.ToLookup(l => ShardRouter.ShardOf(l.Id, shardCount)));
                _partition = current;
            }

            partition = current;
        }

        IReadOnlyList<Look> slice = [.. partition.Slices[shard]];
        return Task.FromResult(slice);
    }

    public Task UpsertAsync(Look look, CancellationToken cancellationToken)
    {
        _looks.Value[look.Id] = look;
        Interlocked.Increment(ref _version);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string lookId, CancellationToken cancellationToken)
    {
        var removed = _looks.Value.TryRemove(lookId, out _);
        Interlocked.Increment(ref _version);
        return Task.FromResult(removed);
    }

    private sealed record Partition(int ShardCount, long Version, ILookup<int, Look> Slices);
}
