namespace OtMz.Grains.Interfaces;

/// <summary>
/// One thing a user did. <see cref="Id"/> is chosen by the client and makes delivery idempotent: a repeated
/// id is acknowledged and ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.signal")]
public sealed record Signal(
    [property: Id(0)] string Id,
    [property: Id(1)] SignalType Type,
    [property: Id(2)] string? LookId = null,
    [property: Id(3)] string? ItemId = null,
    [property: Id(4)] int? DwellMs = null,
    [property: Id(5)] Colour? Colour = null,
    [property: Id(6)] DateTimeOffset? OccurredAt = null);
