using Microsoft.Extensions.Logging;

namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// Measures a freshly built <see cref="IvfIndex"/> before it takes over from the shard's current search: recall@20
/// of its approximate top-k against its exact top-k over the same rows (<see cref="IvfIndex.ExactTopK"/>, every list
/// scanned), on queries made from looks sampled out of the build's snapshot. The queries rotate through three
/// filters of falling selectivity: none, the query look's first season, and its gender, season and occasion
/// together; the query look itself is excluded, as "more like this" excludes it. The sample is seeded (by the
/// shard, from <see cref="CatalogShardGrain"/>), so the same looks give the same figure. Runs on the build's thread,
/// never in a grain turn.
/// </summary>
public static class IndexSelfCheck
{
    public const int K = 20;

    /// <summary>The recall of <paramref name="index"/> on <paramref name="queries"/> sampled queries; null when there is nothing to measure.</summary>
    public static CatalogIndexSelfCheck? Measure(
        IvfIndex index,
        IReadOnlyList<Look> looks,
        int queries,
        int seed,
        TimeProvider time,
        IndexBuildProgress? progress = null)
    {
        if (queries <= 0 || looks.Count == 0 || index.Count == 0)
        {
            return null;
        }

        var rng = new Random(seed);
        long found = 0;
        long wanted = 0;
        var truth = new HashSet<string>(StringComparer.Ordinal);
        for (var q = 0; q < queries; q++)
        {
            var look = looks[rng.Next(looks.Count)];
            var filter = FilterFor(look, q % 3);
            truth.Clear();
            foreach (var hit in index.ExactTopK(look.StyleVector.Values, K, filter))
            {
                truth.Add(hit.Look.Id);
            }

            foreach (var hit in index.TopK(look.StyleVector.Values, K, filter))
            {
                if (truth.Contains(hit.Look.Id))
                {
                    found++;
                }
            }

            wanted += truth.Count;
            progress?.Report(CatalogIndexBuildPhase.SelfCheck, (q + 1) / (double)queries);
        }

        // A sample whose filters admit nothing has nothing to miss.
        return new CatalogIndexSelfCheck(queries, wanted == 0 ? 1 : (double)found / wanted, time.GetUtcNow());
    }

    /// <summary>
    /// Logs the build that took over, with its self-check, and warns when the recall is below
    /// <paramref name="warnBelow"/> (docs/operations.md, "The catalog index", says what to do).
    /// </summary>
    public static void Log(ILogger logger, int shard, IvfIndex built, CatalogIndexSelfCheck? check, TimeSpan? took, double warnBelow)
    {
        logger.LogInformation("Catalog shard {Shard} built its index: {LookCount} looks in {ListCount} lists, {IndexBytes} bytes, {Elapsed} ms, self-check recall@20 {Recall} on {Queries} queries",
            shard, built.Count, built.ListCount, built.MemoryBytes, (long)(took?.TotalMilliseconds ?? 0), check?.RecallAt20, check?.Queries ?? 0);
        if (check is not null && check.RecallAt20 < warnBelow)
        {
            logger.LogWarning("Catalog shard {Shard} index self-check found recall@20 {Recall} on {Queries} queries, below {WarnBelow}: raise Catalog:Ann:ProbeShare or rebuild (docs/operations.md, \"The catalog index\")",
                shard, check.RecallAt20, check.Queries, warnBelow);
        }
    }

    /// <summary>Unfiltered, then about a quarter to a half of the looks (a season), then a few per cent (gender, season and occasion).</summary>
    private static LookFilter FilterFor(Look look, int variant)
    {
        var excluded = System.Collections.Immutable.ImmutableArray.Create(look.Id);
        Season? season = look.Seasons.IsDefaultOrEmpty ? null : look.Seasons[0];
        Occasion? occasion = look.Occasions.IsDefaultOrEmpty ? null : look.Occasions[0];
        return variant switch
        {
            0 => new LookFilter(ExcludedIds: excluded),
            1 => new LookFilter(Season: season, ExcludedIds: excluded),
            _ => new LookFilter(look.Gender, season, occasion, excluded),
        };
    }
}
