using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.recommended-look")]
public sealed record RecommendedLook(
    [property: Id(0)] Look Look,
    [property: Id(1)] float Score,
    [property: Id(2)] ImmutableArray<Reason> Reasons);
