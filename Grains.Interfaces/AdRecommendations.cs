using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>A user's ranked ad banners at one version of their taste.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.ad-recommendations")]
public sealed record AdRecommendations(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset GeneratedAt,
    [property: Id(2)] ImmutableArray<RecommendedAd> Items)
{
    public const int MaxK = 20;
    public const int DefaultK = 5;
}
