using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>The cold-start survey: looks and style keys a new user picked.</summary>
[GenerateSerializer, Immutable, Alias("otmz.survey-answers")]
public sealed record SurveyAnswers(
    [property: Id(0)] ImmutableArray<string> LikedLookIds,
    [property: Id(1)] ImmutableArray<string> LikedStyles);
