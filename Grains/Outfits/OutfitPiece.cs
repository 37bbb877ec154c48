using System.Collections.Immutable;

namespace OtMz.Grains.Outfits;

/// <summary>
/// One garment as the composer sees it, whether it is a closet item (<see cref="FromItem"/>) or a garment of a
/// catalog look (<see cref="FromGarment"/>): its slot, category, colours, print, style vector and warmth, whether it
/// can be worn today, and the closet item behind it if there is one. Compose works on closet items only; Complete
/// takes pieces of either kind as the fixed part and as candidates.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.outfit-piece")]
public sealed record OutfitPiece(
    [property: Id(0)] string? Id,
    [property: Id(1)] GarmentSlot Slot,
    [property: Id(2)] string? Category,
    [property: Id(3)] ImmutableArray<PaletteEntry> Colours,
    [property: Id(4)] StyleVector Style,
    [property: Id(5)] int Warmth,
    [property: Id(6)] Print? Print = null,
    [property: Id(7)] Availability Availability = Availability.Available,
    [property: Id(8)] ClosetItem? Item = null)
{
    /// <summary>The piece of a closet item; the item must have a slot (items without one are never used).</summary>
    public static OutfitPiece FromItem(ClosetItem item) => new(
        item.Id,
        item.Slot ?? throw new ArgumentException($"Item {item.Id} has no slot, so it cannot be part of an outfit.", nameof(item)),
        item.Category,
        item.Colours,
        item.StyleVector,
        item.Warmth,
        item.Print,
        item.Availability,
        item);

    /// <summary>
    /// The piece of a catalog look's garment: its one colour, the category's warmth, and the style vector the caller
    /// gives it (a catalog garment has none of its own; the look's is the natural choice). <paramref name="id"/> names it in
    /// the results, for example the look's id and the garment's place.
    /// </summary>
    public static OutfitPiece FromGarment(Garment garment, StyleVector style, string? id = null) => new(
        id,
        garment.Slot,
        garment.Category,
        [new PaletteEntry(garment.Colour, 1f)],
        style,
        GarmentWarmth.Of(garment.Category));

    /// <summary>How the piece is named in texts: its main colour and category, else its slot.</summary>
    public string Describe()
    {
        var colour = Colours.IsDefaultOrEmpty ? null : ColourHarmony.NameOf(Colours.MaxBy(c => c.Weight)!.Colour);
        var what = Category ?? Slot.ToString().ToLowerInvariant();
        return colour is null ? $"The {what}" : $"The {colour} {what}";
    }
}
