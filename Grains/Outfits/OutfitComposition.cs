using System.Collections.Immutable;

namespace OtMz.Grains.Outfits;

/// <summary>What <see cref="OutfitComposer.Compose"/> returns: the outfits, best first, or none and why.</summary>
[GenerateSerializer, Immutable, Alias("otmz.outfit-composition")]
public sealed record OutfitComposition(
    [property: Id(0)] ImmutableArray<ComposedOutfit> Outfits,
    [property: Id(1)] string? EmptyReason)
{
    public static OutfitComposition Empty(string reason) => new([], reason);
}

/// <summary>
/// One composed outfit: its id (<see cref="OutfitId.Of"/> of its item ids, so the same items are always the same
/// outfit), its items in slot order (outer, top, bottom or one-piece, shoes, bag), its score (the weighted mean of
/// its terms), the terms themselves, and at most three reasons, strongest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.composed-outfit")]
public sealed record ComposedOutfit(
    [property: Id(0)] string Id,
    [property: Id(1)] ImmutableArray<ClosetItem> Items,
    [property: Id(2)] float Score,
    [property: Id(3)] OutfitTerms Terms,
    [property: Id(4)] ImmutableArray<Reason> Reasons)
{
    public IEnumerable<string> ItemIds => Items.Select(i => i.Id);
}

/// <summary>What <see cref="OutfitComposer.Complete(OutfitRequest, IReadOnlyList{OutfitPiece}, int)"/> returns: suggestions for each missing slot, or why the fixed pieces cannot be completed.</summary>
[GenerateSerializer, Immutable, Alias("otmz.outfit-completion")]
public sealed record OutfitCompletion(
    [property: Id(0)] ImmutableArray<SlotSuggestions> Slots,
    [property: Id(1)] string? Problem);

/// <summary>The suggestions for one missing slot, best first; none with a reason when nothing available fits.</summary>
[GenerateSerializer, Immutable, Alias("otmz.slot-suggestions")]
public sealed record SlotSuggestions(
    [property: Id(0)] GarmentSlot Slot,
    [property: Id(1)] ImmutableArray<SlotSuggestion> Suggestions,
    [property: Id(2)] string? EmptyReason);

/// <summary>A piece for a missing slot: the score of the fixed pieces with it, its terms, and why it was chosen.</summary>
[GenerateSerializer, Immutable, Alias("otmz.slot-suggestion")]
public sealed record SlotSuggestion(
    [property: Id(0)] OutfitPiece Piece,
    [property: Id(1)] float Score,
    [property: Id(2)] OutfitTerms Terms,
    [property: Id(3)] ImmutableArray<Reason> Reasons);
