namespace OtMz.Grains.Users;

/// <summary>
/// The outside inputs a user's recommendations were computed against; any change means recompute.
/// <see cref="Experiments"/> names the user's experiment variants (<see cref="OtMz.Grains.Experiments.UserArms.Signature"/>), so a
/// start or a stop moves the version as a new weather does.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.context-stamp")]
public sealed record ContextStamp(
    [property: Id(0)] long CatalogVersion,
    [property: Id(1)] string? Region,
    [property: Id(2)] long WeatherVersion,
    [property: Id(3)] Season Season,
    [property: Id(4)] string? Experiments = null);
