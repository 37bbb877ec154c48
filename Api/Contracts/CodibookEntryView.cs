using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>
/// A codibook entry as clients see it: what was saved (the look's id or the outfit's item ids, as saved), what of
/// it is there now (<see cref="Look"/>, <see cref="Items"/>) and what is gone (<see cref="Look"/> null,
/// <see cref="MissingItemIds"/>), summed up in <see cref="Complete"/>.
/// </summary>
public sealed record CodibookEntryView(
    string Id,
    CodibookKind Kind,
    string? Note,
    DateTimeOffset SavedAt,
    string? LookId,
    Look? Look,
    ImmutableArray<string> ItemIds,
    ImmutableArray<ClosetItemView> Items,
    ImmutableArray<string> MissingItemIds,
    bool Complete)
{
    public const string Path = "/api/v1/users/me/codibook";

    public static CodibookEntryView Of(ResolvedCodibookEntry resolved)
    {
        var entry = resolved.Entry;
        return new(entry.Id, entry.Kind, entry.Note, entry.SavedAt, entry.LookId, resolved.Look,
            entry.ItemIds.IsDefault ? [] : entry.ItemIds,
            [.. (resolved.Items.IsDefault ? [] : resolved.Items).Select(ClosetItemView.Of)],
            resolved.MissingItemIds.IsDefault ? [] : resolved.MissingItemIds,
            resolved.Complete);
    }
}

/// <summary>A page of the codibook, newest first; <see cref="NextCursor"/> continues it (null on the last page).</summary>
public sealed record CodibookList(ImmutableArray<CodibookEntryView> Items, string? NextCursor, int Total, int MaxEntries);
