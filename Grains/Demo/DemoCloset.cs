using System.Collections.Immutable;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Demo;

/// <summary>
/// Seeded closets for tests and benchmarks of the outfit composer: items whose garments come from the style kits
/// (<see cref="StyleKits"/>) of a few styles the owner leans to, with kit colours, style vectors drawn as the demo
/// catalog draws a look's, a mix of availabilities, prints, corrected warmths, wear logs and a few items the owner
/// has not placed in a slot. Item <c>i</c> depends only on <c>(i, seed)</c>, so a small closet is a prefix of a
/// larger one with the same seed.
/// </summary>
public static class DemoCloset
{
    /// <summary>The day the wear logs count back from.</summary>
    public static readonly DateOnly Today = new(2026, 12, 7);

    // Share of items per slot, in GarmentSlot order; the rest (1 − sum) have no slot.
    private static readonly float[] SlotShares = [0.14f, 0.30f, 0.21f, 0.07f, 0.12f, 0.08f, 0.06f];

    private static readonly StyleKit[] Kits = [.. StyleTaxonomy.All.Select(style => StyleKits.ByKey[style.Key])];
    private static readonly Colour[] AllColours = Enum.GetValues<Colour>();
    private static readonly Print[] AllPrints = Enum.GetValues<Print>();

    public static ClosetItem[] Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var owner = new SplitMix(seed, -1);
        // The owner's three styles: a closet is not a random sample of the catalog.
        int[] styles = [owner.PickWeighted(StylePrior.Shares), owner.PickWeighted(StylePrior.Shares), owner.NextInt(StyleTaxonomy.Count)];
        var items = new ClosetItem[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = Create(i, seed, styles);
        }

        return items;
    }

    private static ClosetItem Create(int index, int seed, int[] styles)
    {
        var rng = new SplitMix(seed, index);
        var primary = styles[rng.PickWeighted([0.5f, 0.3f, 0.2f])];
        var kit = Kits[primary];
        var slotIndex = rng.PickWeighted([.. SlotShares, 1f - SlotShares.Sum()]);
        GarmentSlot? slot = slotIndex < SlotShares.Length ? (GarmentSlot)slotIndex : null;
        var category = slot is { } s ? Category(ref rng, kit, s) : null;

        var values = new float[StyleTaxonomy.Count];
        values[primary] = rng.NextFloat(0.6f, 1f);
        values[rng.Pick(kit.CompanionIndexes)] = rng.NextFloat(0.1f, 0.5f);
        values[rng.NextInt(StyleTaxonomy.Count)] += rng.NextFloat(0f, 0.1f);

        var first = rng.Chance(0.7) ? rng.PickRanked(kit.Colours) : rng.Pick(AllColours);
        var second = rng.Chance(0.3) ? rng.Pick(AllColours) : first;
        var weight = second == first ? 1f : rng.NextFloat(0.55f, 0.9f);
        ImmutableArray<PaletteEntry> colours = second == first
            ? [new PaletteEntry(first, 1f)]
            : [new PaletteEntry(first, weight), new PaletteEntry(second, 1f - weight)];

        var availability = rng.NextDouble() switch
        {
            < 0.8 => Availability.Available,
            < 0.92 => Availability.Laundry,
            _ => Availability.Stored,
        };

        var item = new ClosetItem(
            $"item-{index + 1:D5}",
            slot,
            category,
            colours,
            StyleVector.Create(values),
            $"img-{index + 1:D5}",
            $"cut-{index + 1:D5}",
            new DateTimeOffset(Today.AddDays(-200).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Print: rng.Chance(0.25) ? rng.Pick(AllPrints) : rng.Chance(0.5) ? Print.Plain : null,
            WarmthCorrected: rng.Chance(0.05) ? rng.NextInt(GarmentWarmth.Heavy + 1) : null,
            Availability: availability);

        var wears = rng.Chance(0.5) ? 1 + rng.NextInt(4) : 0;
        for (var w = 0; w < wears; w++)
        {
            item = item.Worn(Today.AddDays(-(1 + rng.NextInt(60))));
        }

        return item;
    }

    private static string Category(ref SplitMix rng, StyleKit kit, GarmentSlot slot)
    {
        var fromKit = slot switch
        {
            GarmentSlot.Outer => rng.Chance(0.3) ? kit.ColdOuters : kit.Outers,
            GarmentSlot.Top => kit.Tops,
            GarmentSlot.Bottom => kit.Bottoms,
            GarmentSlot.OnePiece => kit.OnePieces,
            _ => null,
        };

        return fromKit is not null && rng.Chance(0.85) ? rng.PickRanked(fromKit) : rng.Pick(GarmentVocabulary.CategoriesBySlot[slot]);
    }
}
