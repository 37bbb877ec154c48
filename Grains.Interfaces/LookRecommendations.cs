using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A user's ranked looks at one version of their taste and context. <see cref="Experiments"/> names the variant of
/// each running experiment the user is in, which produced this list (empty outside every experiment).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.look-recommendations")]
public sealed record LookRecommendations(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset GeneratedAt,
    [property: Id(2)] ImmutableArray<RecommendedLook> Items)
{
    [Id(3)]
    public ImmutableArray<ExperimentArm> Experiments { get; init; } = [];
}
