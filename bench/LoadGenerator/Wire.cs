using System.Text.Json.Serialization;

namespace OtMz.LoadGenerator;

// The few wire shapes the load generator needs, declared here so that it stays a pure client of the public
// API (docs/api.md): it reads only "version" from pushes and lets the JSON reader skip the rest.

/// <summary>One signal for the hub method SendSignal, as the API names its fields.</summary>
public sealed record SignalMessage(
    string Id,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LookId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DwellMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Colour);

/// <summary>SendSignal's answer: <c>{ accepted, duplicates, version }</c>.</summary>
public sealed record SignalAckMessage(int Accepted, int Duplicates, long Version);

/// <summary>Any push (LooksUpdated, TasteUpdated, AdsUpdated): only its version is read.</summary>
public sealed record VersionOnly(long Version);

public sealed record DevTokenMessage(string? AccessToken);

public sealed record LookIdMessage(string? Id);

public sealed record LookPageMessage(LookIdMessage[]? Items, string? NextCursor);
