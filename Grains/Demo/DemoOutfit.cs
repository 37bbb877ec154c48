using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace OtMz.Grains.Demo;

/// <summary>
/// The garments <see cref="DemoCatalog"/> drew for one look: an outer (or none), then either a one-piece or a top
/// and a bottom, the slots <see cref="Outfits.OutfitRules"/> call an outfit. It dresses them in the look's palette
/// and names the look after them.
/// </summary>
internal readonly record struct DemoOutfit(string? Outer, string? OnePiece, string? Top, string? Bottom)
{
    public int Count => (Outer is null ? 0 : 1) + (OnePiece is null ? 2 : 1);

    /// <summary>The garments in order, the first (the outer when there is one) wearing the dominant colour.</summary>
    public ImmutableArray<Garment> Dress(ImmutableArray<PaletteEntry> palette)
    {
        var garments = new Garment[Count];
        var k = 0;
        if (Outer is not null)
        {
            garments[k] = GarmentOf(GarmentSlot.Outer, Outer, palette[k % palette.Length].Colour);
            k++;
        }

        if (OnePiece is not null)
        {
            garments[k] = GarmentOf(GarmentSlot.OnePiece, OnePiece, palette[k % palette.Length].Colour);
        }
        else
        {
            garments[k] = GarmentOf(GarmentSlot.Top, Top!, palette[k % palette.Length].Colour);
            k++;
            garments[k] = GarmentOf(GarmentSlot.Bottom, Bottom!, palette[k % palette.Length].Colour);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(garments);
    }

    public string Title(string adjective, Colour dominant) => (Outer, OnePiece) switch
    {
        (null, not null) => $"{adjective} {ColourNames[(int)dominant]} {OnePiece}",
        (not null, not null) => $"{adjective} {Outer} over {OnePiece}",
        (null, null) => $"{adjective} {Top} and {Bottom}",
        _ => $"{adjective} {Outer} over {Top} and {Bottom}",
    };

    // A million looks share these immutable values instead of each holding its own copies: less memory, and far
    // less for the GC to promote while a large catalog is generated.
    private static Garment GarmentOf(GarmentSlot slot, string category, Colour colour) => GarmentCache[(slot, category)][(int)colour];

    private static readonly Colour[] AllColours = Enum.GetValues<Colour>();

    private static readonly string[] ColourNames = [.. AllColours.Select(c => c.ToString().ToLowerInvariant())];

    private static readonly FrozenDictionary<(GarmentSlot, string), Garment[]> GarmentCache =
        new[] { GarmentSlot.Outer, GarmentSlot.Top, GarmentSlot.Bottom, GarmentSlot.OnePiece }
            .SelectMany(slot => GarmentVocabulary.CategoriesBySlot[slot].Select(category => (slot, category)))
            .ToFrozenDictionary(key => key, key => AllColours.Select(c => new Garment(key.slot, key.category, c)).ToArray());
}
