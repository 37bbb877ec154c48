using System.ComponentModel;

namespace OtMz.Api.Contracts;

/// <summary>
/// The body of POST /users/me/signals and of the hub's SendSignal: either one signal (its fields at the top level)
/// or a batch in <see cref="Signals"/>. A batch's items are <see cref="SignalFields"/>, not SignalInputs, so the
/// OpenAPI schema does not refer to itself (tools such as Postman cannot load a self-referencing one), while the
/// wire format stays the same: a "signals" inside a batch item was never read, and is still skipped.
/// </summary>
[Description("One signal, its fields at the top level, or a batch of signals in 'signals' (then the top-level signal fields are ignored).")]
public sealed record SignalInput(
    string? Id,
    SignalType? Type,
    string? LookId,
    string? ItemId,
    int? DwellMs,
    Colour? Colour,
    DateTimeOffset? OccurredAt,
    SignalFields[]? Signals) : SignalFields(Id, Type, LookId, ItemId, DwellMs, Colour, OccurredAt);

/// <summary>One signal's fields, as sent alone (in <see cref="SignalInput"/>) or as an item of a batch.</summary>
[Description("One signal.")]
public record SignalFields(
    string? Id,
    SignalType? Type,
    string? LookId,
    string? ItemId,
    int? DwellMs,
    Colour? Colour,
    DateTimeOffset? OccurredAt)
{
    public Signal? ToSignal() => Type is { } type ? new Signal(Id ?? "", type, LookId, ItemId, DwellMs, Colour, OccurredAt) : null;
}
