using System.Security.Cryptography;
using System.Text;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The shape of a codibook save, which the Api checks at the edge and the grain again before storing: an id, a look
/// id or one to <see cref="ICodibookGrain.MaxOutfitItems"/> different item ids, and a note of free text. Whether the
/// look and the items exist, and whether the items make an outfit, only the grain can tell.
/// </summary>
public static class CodibookRules
{
    /// <summary>
    /// The id of the save signal a saved look sends: the same for every retry of the same entry, so the user grain's
    /// signal ids count it once. A hash keeps it within <see cref="SignalRules.MaxIdLength"/> whatever the entry id's length.
    /// </summary>
    public static string SaveSignalId(string entryId) =>
        "codibook-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entryId)).AsSpan(0, 16));

    public static IEnumerable<FieldError> Validate(CodibookDraft draft)
    {
        if (!IdRules.IsValid(draft.Id))
        {
            yield return new FieldError("id", $"An entry id has {IdRules.Rule}.");
        }

        if (draft.Note is not null && TextRules.Problem(draft.Note, ICodibookGrain.MaxNoteLength) is { } note)
        {
            yield return new FieldError("note", note);
        }

        var items = draft.ItemIds.IsDefault ? [] : draft.ItemIds;
        if (draft.Kind == CodibookKind.Look)
        {
            if (!LookRules.IsValidId(draft.LookId))
            {
                yield return new FieldError("lookId", LookRules.IdRule);
            }

            if (items.Length > 0)
            {
                yield return new FieldError("itemIds", "Save a look or an outfit, not both.");
            }

            yield break;
        }

        if (draft.LookId is not null)
        {
            yield return new FieldError("lookId", "Save a look or an outfit, not both.");
        }

        if (items.Length is 0 or > ICodibookGrain.MaxOutfitItems)
        {
            yield return new FieldError("itemIds", $"An outfit has 1 to {ICodibookGrain.MaxOutfitItems} closet item ids.");
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            if (!IdRules.IsValid(items[i]))
            {
                yield return new FieldError($"itemIds[{i}]", $"An item id has {IdRules.Rule}.");
            }
            else if (!seen.Add(items[i]))
            {
                yield return new FieldError($"itemIds[{i}]", $"'{items[i]}' is already in the outfit.");
            }
        }
    }
}
