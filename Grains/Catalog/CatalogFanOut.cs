using System.Collections.Immutable;

namespace OtMz.Grains.Catalog;

/// <summary>
/// Where a catalog query fans out: one call to every shard at once, then a merge of their sorted answers.
/// Used by user grains for recommendations and by the Api for the style-list screen.
/// </summary>
public static class CatalogFanOut
{
    public static async Task<ImmutableArray<ShardHit>> QueryAsync(IGrainFactory grains, int shardCount, ShardQuery query)
    {
        var answers = await Task.WhenAll(Shards(grains, shardCount).Select(shard => shard.Query(query)));
        return Merge(answers, query.K);
    }

    /// <summary>The best <paramref name="k"/> of several best-first lists, in <see cref="HitOrder"/>.</summary>
    public static ImmutableArray<ShardHit> Merge(IEnumerable<ImmutableArray<ShardHit>> answers, int k) =>
        [.. answers.SelectMany(a => a).Order(HitOrder.Instance).Take(k)];

    public static async Task<LookPage> ListAsync(IGrainFactory grains, int shardCount, LookListQuery query)
    {
        var pages = await Task.WhenAll(Shards(grains, shardCount).Select(shard => shard.List(query)));
        var items = pages.SelectMany(p => p.Items).OrderBy(l => l.Id, StringComparer.Ordinal).ToList();
        var page = items.Take(query.Limit).ToImmutableArray();
        var more = items.Count > query.Limit || pages.Any(p => p.NextCursor is not null);
        return new LookPage(page, more && page.Length > 0 ? page[^1].Id : null);
    }

    public static ICatalogShardGrain ShardFor(IGrainFactory grains, int shardCount, string lookId) =>
        grains.GetGrain<ICatalogShardGrain>(ShardRouter.ShardOf(lookId, shardCount));

    public static Task<Look?> GetAsync(IGrainFactory grains, int shardCount, string lookId) =>
        ShardFor(grains, shardCount, lookId).Get(lookId);

    /// <summary>Looks by id, asking each owning shard once; unknown ids are absent from the result.</summary>
    public static async Task<IReadOnlyDictionary<string, Look>> GetManyAsync(IGrainFactory grains, int shardCount, IEnumerable<string> lookIds)
    {
        var byShard = lookIds.Distinct(StringComparer.Ordinal).GroupBy(id => ShardRouter.ShardOf(id, shardCount));
        var found = await Task.WhenAll(byShard.Select(g => grains.GetGrain<ICatalogShardGrain>(g.Key).GetMany([.. g])));
        return found.SelectMany(f => f).ToDictionary(l => l.Id, StringComparer.Ordinal);
    }

    public static IEnumerable<ICatalogShardGrain> Shards(IGrainFactory grains, int shardCount) =>
        Enumerable.Range(0, shardCount).Select(i => grains.GetGrain<ICatalogShardGrain>(i));
}
