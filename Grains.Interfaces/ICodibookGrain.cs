using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// One user's codibook, keyed by the user id like <see cref="IUserGrain"/>: the catalog looks and closet outfits
/// they saved, each with an optional note. It stores ids, not copies: a list resolves them against the catalog and
/// the closet (<see cref="IClosetGrain"/>), so an entry whose look or items were deleted since is listed as incomplete
/// rather than dropped. It calls no user grain; the Api turns a save into a save signal, and the user grain's erase
/// erases the codibook.
/// </summary>
[Alias("otmz.ICodibookGrain")]
public interface ICodibookGrain : IGrainWithStringKey
{
    /// <summary>Most entries one codibook holds.</summary>
    public const int MaxEntries = 1_000;

    /// <summary>Most items in a saved outfit.</summary>
    public const int MaxOutfitItems = 8;

    /// <summary>Most characters in a note.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>
    /// Saves a look or an outfit. A draft whose id is already stored with the same content returns that entry
    /// (Created false): a retried save stores nothing twice. The same id with other content is <see cref="CodibookFailure.IdInUse"/>.
    /// </summary>
    [Alias("save")]
    Task<CodibookResult> Save(CodibookDraft draft);

    /// <summary>Entries saved before sequence <paramref name="before"/> (all when null), newest first, at most <paramref name="limit"/>.</summary>
    [Alias("list")]
    Task<CodibookPage> List(long? before, int limit);

    [Alias("get")]
    Task<ResolvedCodibookEntry?> Get(string entryId);

    /// <summary>False when there is no such entry.</summary>
    [Alias("delete")]
    Task<bool> Delete(string entryId);

    [Alias("count")]
    Task<int> Count();

    /// <summary>Deletes every entry and the stored state; called by the user grain's erase.</summary>
    [Alias("erase")]
    Task Erase();
}
