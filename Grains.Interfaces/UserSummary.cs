using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("otmz.user-summary")]
public sealed record UserSummary(
    [property: Id(0)] string UserId,
    [property: Id(1)] UserProfile Profile,
    [property: Id(2)] long Version,
    [property: Id(3)] bool SurveyCompleted,
    [property: Id(4)] long SignalsApplied,
    [property: Id(5)] ImmutableArray<StyleScore> TopStyles,
    [property: Id(6)] DateTimeOffset? UpdatedAt);
