using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OtMz.Grains.Catalog;

/// <summary>
/// Where a catalog query fans out: one call to every shard at once, then a merge of their sorted answers.
/// Used by user grains for recommendations and by the Api for the style-list screen.
/// </summary>
public static class CatalogFanOut
{
    // One array of shard references per grain factory: GetGrain resolves the grain interface's type again on every
    // call (about 6 % of a signal's allocations with 16 shards per recompute), and references are immutable.
    private static readonly ConditionalWeakTable<IGrainFactory, ICatalogShardGrain[]> References = new();

    public static Task<ImmutableArray<ShardHit>> QueryAsync(IGrainFactory grains, int shardCount, ShardQuery query)
    {
        var shards = ShardReferences(grains, shardCount);
        return QueryAsync((shard, q) => shards[shard].Query(q), shardCount, query);
    }

    /// <summary>
    /// The exact best <c>query.K</c> of all shards, asking each shard first for only <see cref="FirstRoundK"/>
    /// hits. Looks are spread over the shards by a hash of their id, so the best K fall about evenly and that
    /// is nearly always enough; a shard that filled its quota with a last hit that still makes the merged cut
    /// may hold more of the best K, and only such a shard is asked again for all K. Asking each of 16 shards
    /// for 150 when about 9 of each are used cost a large share of a recompute (docs/performance.md, "Two-round exact fan-out").
    /// </summary>
    public static async Task<ImmutableArray<ShardHit>> QueryAsync(Func<int, ShardQuery, Task<ImmutableArray<ShardHit>>> ask, int shardCount, ShardQuery query)
    {
        var quota = FirstRoundK(query.K, shardCount);
        var first = quota < query.K ? query with { K = quota } : query;
        var answers = await Task.WhenAll(Enumerable.Range(0, shardCount).Select(shard => ask(shard, first)));
        var merged = Merge(answers, query.K);
        if (quota >= query.K)
        {
            return merged;
        }

        // A shard's unseen hits all rank after its last returned one; if that one ranks after the merged K-th,
        // none of them can be in the best K.
        var again = Enumerable.Range(0, shardCount)
            .Where(shard => answers[shard].Length == quota
                && (merged.Length < query.K || HitOrder.Instance.Compare(answers[shard][^1], merged[^1]) < 0))
            .ToArray();
        if (again.Length == 0)
        {
            return merged;
        }

        var full = await Task.WhenAll(again.Select(shard => ask(shard, query)));
        for (var i = 0; i < again.Length; i++)
        {
            answers[again[i]] = full[i];
        }

        return Merge(answers, query.K);
    }

    /// <summary>Twice a shard's fair share of the best <paramref name="k"/>, plus 8, and never more than k.</summary>
    public static int FirstRoundK(int k, int shardCount) =>
        Math.Min(k, (int)Math.Ceiling(2.0 * k / Math.Max(1, shardCount)) + 8);

    /// <summary>
    /// The best <paramref name="k"/> of the shards' answers, each of which is in <see cref="HitOrder"/> as a shard
    /// returns it: a merge of the sorted lists that takes the best head each time, with nothing allocated but the
    /// result (sorting the concatenation allocated about 9 KB per recompute at 16 shards).
    /// </summary>
    public static ImmutableArray<ShardHit> Merge(IEnumerable<ImmutableArray<ShardHit>> answers, int k)
    {
        var lists = answers as IReadOnlyList<ImmutableArray<ShardHit>> ?? [.. answers];
        var total = 0;
        foreach (var list in lists)
        {
            total += list.Length;
        }

        var merged = new ShardHit[Math.Clamp(k, 0, total)];
        Span<int> next = lists.Count <= 256 ? stackalloc int[lists.Count] : new int[lists.Count];
        for (var n = 0; n < merged.Length; n++)
        {
            var best = -1;
            for (var shard = 0; shard < lists.Count; shard++)
            {
                if (next[shard] < lists[shard].Length
                    && (best < 0 || HitOrder.Instance.Compare(lists[shard][next[shard]], lists[best][next[best]]) < 0))
                {
                    best = shard;
                }
            }

            merged[n] = lists[best][next[best]++];
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(merged);
    }

    public static Task<LookPage> ListAsync(IGrainFactory grains, int shardCount, LookListQuery query)
    {
        var shards = ShardReferences(grains, shardCount);
        return ListAsync((shard, q) => shards[shard].List(q), shardCount, query);
    }

    /// <summary>
    /// A style-list page: every shard's first <c>query.Limit</c> matches after the cursor, merged in id order. A
    /// look lives on one shard only, so the merged first Limit are the catalog's first Limit; there is a next page
    /// when the shards hold more than Limit matches between them.
    /// </summary>
    public static async Task<LookPage> ListAsync(Func<int, LookListQuery, Task<LookPage>> ask, int shardCount, LookListQuery query)
    {
        var asks = new Task<LookPage>[shardCount];
        for (var shard = 0; shard < shardCount; shard++)
        {
            asks[shard] = ask(shard, query);
        }

        var pages = await Task.WhenAll(asks);
        return MergePages(pages, query.Limit);
    }

    /// <summary>The first <paramref name="limit"/> looks of the shards' pages, each in ordinal id order, by taking the least head each time.</summary>
    public static LookPage MergePages(IReadOnlyList<LookPage> pages, int limit)
    {
        var total = 0;
        var more = false;
        foreach (var page in pages)
        {
            total += page.Items.Length;
            more |= page.NextCursor is not null;
        }

        var merged = new Look[Math.Clamp(limit, 0, total)];
        more |= total > merged.Length;
        Span<int> next = pages.Count <= 256 ? stackalloc int[pages.Count] : new int[pages.Count];
        for (var n = 0; n < merged.Length; n++)
        {
            var best = -1;
            for (var shard = 0; shard < pages.Count; shard++)
            {
                if (next[shard] < pages[shard].Items.Length
                    && (best < 0 || string.CompareOrdinal(pages[shard].Items[next[shard]].Id, pages[best].Items[next[best]].Id) < 0))
                {
                    best = shard;
                }
            }

            merged[n] = pages[best].Items[next[best]++];
        }

        return new LookPage(ImmutableCollectionsMarshal.AsImmutableArray(merged), more && merged.Length > 0 ? merged[^1].Id : null);
    }

    public static ICatalogShardGrain ShardFor(IGrainFactory grains, int shardCount, string lookId) =>
        ShardReferences(grains, shardCount)[ShardRouter.ShardOf(lookId, shardCount)];

    public static Task<Look?> GetAsync(IGrainFactory grains, int shardCount, string lookId) =>
        ShardFor(grains, shardCount, lookId).Get(lookId);

    /// <summary>Looks by id, asking each owning shard once; unknown ids are absent from the result.</summary>
    public static async Task<IReadOnlyDictionary<string, Look>> GetManyAsync(IGrainFactory grains, int shardCount, IEnumerable<string> lookIds)
    {
        var byShard = lookIds.Distinct(StringComparer.Ordinal).GroupBy(id => ShardRouter.ShardOf(id, shardCount));
        var shards = ShardReferences(grains, shardCount);
        var found = await Task.WhenAll(byShard.Select(g => shards[g.Key].GetMany([.. g])));
        return found.SelectMany(f => f).ToDictionary(l => l.Id, StringComparer.Ordinal);
    }

    public static IEnumerable<ICatalogShardGrain> Shards(IGrainFactory grains, int shardCount) => ShardReferences(grains, shardCount);

    private static ICatalogShardGrain[] ShardReferences(IGrainFactory grains, int shardCount)
    {
        if (References.TryGetValue(grains, out var shards) && shards.Length == shardCount)
        {
            return shards;
        }

        shards = [.. Enumerable.Range(0, shardCount).Select(i => grains.GetGrain<ICatalogShardGrain>(i))];
        References.AddOrUpdate(grains, shards);
        return shards;
    }
}
