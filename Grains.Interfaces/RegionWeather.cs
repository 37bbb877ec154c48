namespace OtMz.Grains.Interfaces;

/// <summary>A region's latest weather (null until an operator sets one) and a version that changes with it.</summary>
[GenerateSerializer, Immutable, Alias("otmz.region-weather")]
public sealed record RegionWeather(
    [property: Id(0)] string Region,
    [property: Id(1)] Weather? Weather,
    [property: Id(2)] long Version);
