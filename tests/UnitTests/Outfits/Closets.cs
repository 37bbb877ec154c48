using System.Collections.Immutable;
using OtMz.Grains.Outfits;

namespace OtMz.UnitTests.Outfits;

/// <summary>Hand-made closet items for the composer's tests: a style, a colour and a category are all most tests need.</summary>
internal static class Closets
{
    public static readonly DateOnly Day = new(2026, 12, 7);

    public static ClosetItem Item(
        string id,
        GarmentSlot? slot,
        string? category,
        Colour colour = Colour.Black,
        string style = "street",
        Availability availability = Availability.Available,
        int? warmth = null,
        Print? print = null,
        Colour? second = null)
    {
        var values = new float[StyleTaxonomy.Count];
        values[StyleTaxonomy.TryGetIndex(style, out var s) ? s : throw new ArgumentException(style)] = 1f;
        ImmutableArray<PaletteEntry> colours = second is { } other ? [new(colour, 0.6f), new(other, 0.4f)] : [new(colour, 1f)];
        return new ClosetItem(id, slot, category, colours, StyleVector.Create(values), "img-" + id, "cut-" + id,
            DateTimeOffset.UnixEpoch, Print: print, WarmthCorrected: warmth, Availability: availability);
    }

    public static float[] Taste(string style)
    {
        var taste = new float[StyleTaxonomy.Count];
        taste[StyleTaxonomy.TryGetIndex(style, out var s) ? s : throw new ArgumentException(style)] = 1f;
        return taste;
    }

    public static OutfitRequest Request(IReadOnlyList<ClosetItem> items, float? temperature = 20, float? rain = 0, Occasion? occasion = null, int k = 5) =>
        new(items, Taste: null, ColourAffinity: null, temperature, rain, occasion, Day, K: k);

    /// <summary>A small closet that makes outfits in any weather: two of each clothing slot, a heavy outer, shoes and a bag.</summary>
    public static List<ClosetItem> Basic() =>
    [
        Item("t1", GarmentSlot.Top, "t-shirt", Colour.White),
        Item("t2", GarmentSlot.Top, "knitwear", Colour.Gray),
        Item("b1", GarmentSlot.Bottom, "jeans", Colour.Blue),
        Item("b2", GarmentSlot.Bottom, "pants", Colour.Black),
        Item("o1", GarmentSlot.Outer, "coat", Colour.Beige),
        Item("o2", GarmentSlot.Outer, "jacket", Colour.Black),
        Item("s1", GarmentSlot.Shoes, "sneakers", Colour.White),
        Item("s2", GarmentSlot.Shoes, "sandals", Colour.Brown),
        Item("g1", GarmentSlot.Bag, "tote", Colour.Black),
    ];

    public static IEnumerable<string> Ids(this ComposedOutfit outfit) => outfit.Items.Select(i => i.Id);
}
