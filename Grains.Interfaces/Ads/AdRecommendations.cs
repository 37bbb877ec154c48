using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A user's ad slate: the banners delivered to them at one ads version. The version moves only when the slate's
/// campaigns change, so a re-send of the same slate (a second device's snapshot, a push of other facets) is the
/// same delivery and counts no impression again.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.ad-recommendations")]
public sealed record AdRecommendations(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset GeneratedAt,
    [property: Id(2)] ImmutableArray<RecommendedAd> Items)
{
    public const int MaxK = 20;
    public const int DefaultK = 5;
}
