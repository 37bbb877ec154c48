namespace OtMz.Grains.Users;

/// <summary>
/// The recommendations with the looks a client already shows left out (<c>exclude=</c>). The user grain first takes
/// them from its cached ranking of the current version, ranked as far as a query may ask, which is what a client
/// scrolling on through its list expects; that ranking is kept whole in the <see cref="LooksCache"/>, so one caller's
/// exclusions never change another read. Only when too few of it remain does the grain rank again with the
/// exclusions in the shards' scan, and that list is not cached.
/// </summary>
public static class LookExclusion
{
    /// <summary>
    /// The first <paramref name="k"/> looks of <paramref name="ranked"/> (a ranking asked for <paramref name="rankedUpTo"/>
    /// looks) that are not in <paramref name="excluded"/>, at its version and time; or null when the ranking was cut at
    /// <paramref name="rankedUpTo"/> and leaves fewer than k. A ranking shorter than asked for held every candidate
    /// there was, so what is left of it is all there is.
    /// </summary>
    public static LookRecommendations? TryFrom(LookRecommendations ranked, int rankedUpTo, IReadOnlySet<string> excluded, int k)
    {
        var kept = ranked.Items.Where(item => !excluded.Contains(item.Look.Id)).Take(k).ToArray();
        return kept.Length == k || ranked.Items.Length < rankedUpTo ? ranked with { Items = [.. kept] } : null;
    }
}
