namespace OtMz.Grains.Interfaces;

/// <summary>
/// Why a result ranks where it does: <see cref="Kind"/> is style, weather, colour, closet, occasion, seen or
/// diversity;
/// <see cref="Contribution"/> is its signed share of the score; <see cref="Text"/> says it for people.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.reason")]
public sealed record Reason(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Key,
    [property: Id(2)] float Contribution,
    [property: Id(3)] string Text);
