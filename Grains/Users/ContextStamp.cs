namespace OtMz.Grains.Users;

/// <summary>The outside inputs a user's recommendations were computed against; any change means recompute.</summary>
[GenerateSerializer, Immutable, Alias("otmz.context-stamp")]
public sealed record ContextStamp(
    [property: Id(0)] long CatalogVersion,
    [property: Id(1)] string? Region,
    [property: Id(2)] long WeatherVersion,
    [property: Id(3)] Season Season);
