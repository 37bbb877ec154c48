using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>A user's ranked looks at one version of their taste and context.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.look-recommendations")]
public sealed record LookRecommendations(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset GeneratedAt,
    [property: Id(2)] ImmutableArray<RecommendedLook> Items);
