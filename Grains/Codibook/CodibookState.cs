namespace OtMz.Grains.Codibook;

/// <summary>What the codibook grain stores for one user, apart from the user's and the closet's state.</summary>
[GenerateSerializer, Alias("otmz.codibook-state")]
public sealed class CodibookState
{
    /// <summary>Oldest first, so in ascending <see cref="StoredCodibookEntry.Seq"/>.</summary>
    [Id(0)]
    public List<StoredCodibookEntry> Entries { get; set; } = [];

    /// <summary>The sequence the next entry gets; never reused, so a cursor still means the same place after deletions.</summary>
    [Id(1)]
    public long NextSeq { get; set; } = 1;

    [Id(2)]
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// A codibook entry as grain storage keeps it: plain arrays, so every storage serializer reads back what it wrote,
/// and the sequence that orders the list and its cursor.
/// </summary>
[GenerateSerializer, Alias("otmz.stored-codibook-entry")]
public sealed record StoredCodibookEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] long Seq,
    [property: Id(2)] CodibookKind Kind,
    [property: Id(3)] string? LookId,
    [property: Id(4)] string[]? ItemIds,
    [property: Id(5)] string? Note,
    [property: Id(6)] DateTimeOffset SavedAt)
{
    public CodibookEntry ToEntry() => new(Id, Kind, LookId, ItemIds is null ? [] : [.. ItemIds], Note, SavedAt);
}
