namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("otmz.weather")]
public sealed record Weather(
    [property: Id(0)] float TemperatureC,
    [property: Id(1)] float PrecipitationMm,
    [property: Id(2)] string Condition,
    [property: Id(3)] DateTimeOffset ObservedAt);
