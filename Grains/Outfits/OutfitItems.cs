using System.Collections.Immutable;

namespace OtMz.Grains.Outfits;

/// <summary>
/// The closet items a client names as one outfit, checked the one way "I wore this" (the closet grain) and outfit
/// signals (the user grain) both need: every id is an item of this closet and named once, every item has a slot,
/// and the slots make an outfit (<see cref="OutfitRules.SlotProblem"/>).
/// </summary>
public static class OutfitItems
{
    /// <summary>
    /// The items in the order named, or the fields at fault: <c>itemIds[i]</c> for an unknown or repeated id
    /// (<c>NotFound</c> when every fault is an unknown id), <c>itemIds</c> for an item without a slot or slots that
    /// make no outfit.
    /// </summary>
    public static (ClosetItem[] Items, ImmutableArray<FieldError> Errors, bool NotFound) Resolve(IReadOnlyList<ClosetItem> closet, IReadOnlyList<string> itemIds)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var unknown = 0;
        var items = new List<ClosetItem>(itemIds.Count);
        for (var i = 0; i < itemIds.Count; i++)
        {
            var item = closet.FirstOrDefault(it => it.Id == itemIds[i]);
            if (item is null)
            {
                errors.Add(new FieldError($"itemIds[{i}]", $"No item '{itemIds[i]}' in your closet."));
                unknown++;
            }
            else if (items.Contains(item))
            {
                errors.Add(new FieldError($"itemIds[{i}]", $"'{item.Id}' is named twice."));
            }
            else
            {
                items.Add(item);
            }
        }

        if (errors.Count > 0)
        {
            return ([], errors.ToImmutable(), unknown == errors.Count);
        }

        var problem = items.Find(i => i.Slot is null) is { } unslotted
            ? $"'{unslotted.Id}' has no slot yet; set it first."
            : OutfitRules.SlotProblem(items.Select(i => i.Slot!.Value));
        return problem is null ? ([.. items], [], false) : ([], [new FieldError("itemIds", problem)], false);
    }
}
