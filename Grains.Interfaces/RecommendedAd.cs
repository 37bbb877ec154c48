using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.recommended-ad")]
public sealed record RecommendedAd(
    [property: Id(0)] AdCampaign Campaign,
    [property: Id(1)] float Score,
    [property: Id(2)] ImmutableArray<Reason> Reasons);
