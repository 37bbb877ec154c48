using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>What a codibook entry keeps: a catalog look, or an outfit put together from the user's own closet.</summary>
[JsonConverter(typeof(WireEnumConverter<CodibookKind>))]
public enum CodibookKind
{
    [JsonStringEnumMemberName("look")] Look,
    [JsonStringEnumMemberName("outfit")] Outfit,
}

/// <summary>
/// One saved entry of a user's codibook as it was saved: the look's id or the outfit's closet item ids, the
/// user's note, and when. What became of the look or the items since is the <see cref="ResolvedCodibookEntry"/>'s to say.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.codibook-entry")]
public sealed record CodibookEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] CodibookKind Kind,
    [property: Id(2)] string? LookId,
    [property: Id(3)] ImmutableArray<string> ItemIds,
    [property: Id(4)] string? Note,
    [property: Id(5)] DateTimeOffset SavedAt)
{
    /// <summary>Whether <paramref name="other"/> saves the same thing with the same note: a retry of this save.</summary>
    public bool SameAs(CodibookDraft other) =>
        Kind == other.Kind && LookId == other.LookId && Note == other.Note
        && ItemIds.AsSpan().SequenceEqual(other.ItemIds.IsDefault ? [] : other.ItemIds.AsSpan());
}

/// <summary>A save as the client asked for it; <see cref="Id"/> is the client's (idempotent) or the platform's.</summary>
[GenerateSerializer, Immutable, Alias("otmz.codibook-draft")]
public sealed record CodibookDraft(
    [property: Id(0)] string Id,
    [property: Id(1)] CodibookKind Kind,
    [property: Id(2)] string? LookId,
    [property: Id(3)] ImmutableArray<string> ItemIds,
    [property: Id(4)] string? Note);

/// <summary>
/// A saved entry with what it refers to now: the look (null when the catalog deleted it), the outfit's items still in
/// the closet and the ids of those that were removed. <see cref="Complete"/> is false when anything is missing.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.codibook-entry-view")]
public sealed record ResolvedCodibookEntry(
    [property: Id(0)] CodibookEntry Entry,
    [property: Id(1)] Look? Look,
    [property: Id(2)] ImmutableArray<ClosetItem> Items,
    [property: Id(3)] ImmutableArray<string> MissingItemIds)
{
    public bool Complete => Entry.Kind == CodibookKind.Look ? Look is not null : MissingItemIds.IsDefaultOrEmpty;
}

/// <summary>One page of a codibook, newest first; <see cref="NextBefore"/> is the sequence to continue below, null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("otmz.codibook-page")]
public sealed record CodibookPage(
    [property: Id(0)] ImmutableArray<ResolvedCodibookEntry> Items,
    [property: Id(1)] long? NextBefore,
    [property: Id(2)] int Total);

public enum CodibookFailure
{
    None,

    /// <summary>The draft breaks a rule (<see cref="CodibookResult.Errors"/> say which).</summary>
    Invalid,

    /// <summary>The draft names a look or closet items that do not exist (<see cref="CodibookResult.Errors"/>).</summary>
    NotFound,

    /// <summary>The codibook holds <see cref="ICodibookGrain.MaxEntries"/> entries.</summary>
    Full,

    /// <summary>An entry with the draft's id exists and saves something else.</summary>
    IdInUse,
}

/// <summary>The outcome of a save: the stored entry (new, or the one an earlier save with the same id stored), or why not.</summary>
[GenerateSerializer, Immutable, Alias("otmz.codibook-result")]
public sealed record CodibookResult(
    [property: Id(0)] CodibookEntry? Entry,
    [property: Id(1)] bool Created,
    [property: Id(2)] CodibookFailure Failure,
    [property: Id(3)] ImmutableArray<FieldError> Errors)
{
    public static CodibookResult Saved(CodibookEntry entry, bool created) => new(entry, created, CodibookFailure.None, []);

    public static CodibookResult Failed(CodibookFailure failure, params FieldError[] errors) => new(null, false, failure, [.. errors]);
}
