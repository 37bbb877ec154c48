using System.Collections.Immutable;

namespace OtMz.Grains.Users;

/// <summary>
/// The user grain's ranked ads for one ads version. Only as many are ranked as asked for: a push sends
/// <see cref="Push.PushOptions.AdsPerPush"/>, and the ranking is a sort, so ranking more later gives the same first
/// ones; the version's time of generation stays that of its first ranking.
/// </summary>
public sealed class AdsCache
{
    private AdRecommendations? _ads;
    private int _ranked;

    /// <summary>The first <paramref name="take"/> ads of the <paramref name="version"/> ranking if they are ranked, else null.</summary>
    public AdRecommendations? TryTake(long version, int take) =>
        _ads is { } ads && ads.Version == version && (take <= _ranked || ads.Items.Length < _ranked) ? Take(ads, take) : null;

    /// <summary>Keeps a ranking of <paramref name="ranked"/> ads at <paramref name="version"/> and returns its first <paramref name="take"/>.</summary>
    public AdRecommendations Store(long version, ImmutableArray<RecommendedAd> items, int ranked, DateTimeOffset now, int take)
    {
        _ads = _ads?.Version == version ? _ads with { Items = items } : new AdRecommendations(version, now, items);
        _ranked = ranked;
        return Take(_ads, take);
    }

    public void Clear() => _ads = null;

    private static AdRecommendations Take(AdRecommendations ads, int take) => ads.Items.Length <= take ? ads : ads with { Items = ads.Items[..take] };
}
