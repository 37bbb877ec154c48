namespace OtMz.Api.Contracts;

public sealed record WeatherInput(float? TemperatureC, float? PrecipitationMm, string? Condition, DateTimeOffset? ObservedAt);
