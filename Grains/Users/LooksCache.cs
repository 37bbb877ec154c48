namespace OtMz.Grains.Users;

/// <summary>
/// The user grain's ranked looks, one list per occasion asked for (and one without), each kept for one looks
/// version: a read at the same version is answered from here, and any change of the version means a new ranking.
/// Only as many looks are ranked as asked for: a push ranks only the 20 it sends, and the ranker picks greedily, so
/// ranking more of the same candidates gives the same first ones and a longer list asked for at the same version
/// continues the shorter one, keeping its time of generation. The candidates are not kept for that: a user's latest
/// list lives until their next signal, past young-generation collections, and every byte kept per push is copied by
/// the GC (docs/performance.md, "Rank only what is pushed"); a longer list asks the shards again, once per version.
/// </summary>
public sealed class LooksCache
{
    private readonly Dictionary<Occasion, Entry> _byOccasion = [];
    private Entry? _withoutOccasion;

    /// <summary>
    /// The looks version: the taste's, plus the closet's while the ranking weighs the closet. Both only move up, so
    /// the sum moves whenever either does; while the ranking ignores the closet, a closet change keeps the looks.
    /// </summary>
    public static long VersionOf(long tasteVersion, long closetVersion, bool rankingUsesCloset) =>
        tasteVersion + (rankingUsesCloset ? closetVersion : 0);

    /// <summary>
    /// The first <paramref name="k"/> looks of the <paramref name="version"/> ranking for <paramref name="occasion"/>
    /// if they are ranked. Otherwise null, with what to rank: <paramref name="rank"/> looks, generated at
    /// <paramref name="generatedAt"/> when a shorter list of this version exists (null: now).
    /// </summary>
    public LookRecommendations? TryTake(Occasion? occasion, long version, int k, out int rank, out DateTimeOffset? generatedAt)
    {
        var entry = occasion is { } o ? _byOccasion.GetValueOrDefault(o) : _withoutOccasion;
        generatedAt = null;
        rank = k;
        if (entry?.Result.Version != version)
        {
            return null;
        }

        if (entry.Covers(k))
        {
            return entry.Take(k);
        }

        // A longer list than this version's ranking is ranked once, as long as a query may ask for.
        rank = RecommendationQuery.MaxK;
        generatedAt = entry.Result.GeneratedAt;
        return null;
    }

    /// <summary>Keeps a ranking of <paramref name="ranked"/> looks and returns its first <paramref name="k"/>.</summary>
    public LookRecommendations Store(Occasion? occasion, LookRecommendations result, int ranked, int k)
    {
        var entry = new Entry(result, ranked);
        if (occasion is { } o)
        {
            _byOccasion[o] = entry;
        }
        else
        {
            _withoutOccasion = entry;
        }

        return entry.Take(k);
    }

    public void Clear()
    {
        _byOccasion.Clear();
        _withoutOccasion = null;
    }

    private sealed record Entry(LookRecommendations Result, int Ranked)
    {
        /// <summary>Whether the first <paramref name="k"/> are ranked: asked for, or every candidate there was.</summary>
        public bool Covers(int k) => k <= Ranked || Result.Items.Length < Ranked;

        public LookRecommendations Take(int k) => Result.Items.Length <= k ? Result : Result with { Items = Result.Items[..k] };
    }
}
