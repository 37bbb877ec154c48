namespace OtMz.Api.Contracts;

public sealed record SurveyResult(long Version, TasteSnapshot Taste);
