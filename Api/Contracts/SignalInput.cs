namespace OtMz.Api.Contracts;

/// <summary>
/// The body of POST /users/me/signals: either one signal (its fields at the top level) or a batch in
/// <see cref="Signals"/>.
/// </summary>
public sealed record SignalInput(
    string? Id,
    SignalType? Type,
    string? LookId,
    string? ItemId,
    int? DwellMs,
    Colour? Colour,
    DateTimeOffset? OccurredAt,
    SignalInput[]? Signals)
{
    public Signal? ToSignal() => Type is { } type ? new Signal(Id ?? "", type, LookId, ItemId, DwellMs, Colour, OccurredAt) : null;
}
