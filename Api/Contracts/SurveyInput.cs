namespace OtMz.Api.Contracts;

public sealed record SurveyInput(string[]? LikedLookIds, string[]? LikedStyles);
