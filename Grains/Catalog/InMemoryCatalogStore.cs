using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Catalog;

/// <summary>
/// The embedded run's catalog: the seeded demo catalog, generated once per silo process, plus live admin
/// writes. Each silo has its own copy, so it suits one silo (or a test cluster reading the same seed), not a
/// cluster that takes writes.
/// </summary>
public sealed class InMemoryCatalogStore(IOptions<CatalogOptions> options) : ICatalogStore
{
    private readonly Lazy<ConcurrentDictionary<string, Look>> _looks = new(() =>
    {
        var generated = DemoCatalog.Generate(options.Value.DemoLooks, options.Value.DemoSeed);
        return new ConcurrentDictionary<string, Look>(generated.Select(l => KeyValuePair.Create(l.Id, l)), StringComparer.Ordinal);
    });

    public Task<IReadOnlyList<Look>> LoadShardAsync(int shard, int shardCount, CancellationToken cancellationToken)
    {
        IReadOnlyList<Look> slice = [.. _looks.Value.Values.Where(l => ShardRouter.ShardOf(l.Id, shardCount) == shard)];
        return Task.FromResult(slice);
    }

    public Task UpsertAsync(Look look, CancellationToken cancellationToken)
    {
        _looks.Value[look.Id] = look;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string lookId, CancellationToken cancellationToken) =>
        Task.FromResult(_looks.Value.TryRemove(lookId, out _));
}
