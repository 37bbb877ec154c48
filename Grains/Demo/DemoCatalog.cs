using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using OtMz.Grains.Outfits;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Demo;

/// <summary>
/// The seeded demo catalog: K-Fashion-like looks whose statistics resemble the real data (street-heavy primary
/// styles, multi-label vectors where styles of one group co-occur, palettes, garments and temperature ranges that
/// fit the style and the season). Look <c>i</c> depends only on <c>(i, seed)</c>, so generation runs in parallel
/// and a small catalog is a prefix of a large one with the same seed.
/// The draws live here; what each style wears is in <see cref="StyleKits"/>, how a drawn outfit becomes garments
/// and a title in <see cref="DemoOutfit"/>, and what the weather asks of an outfit in <see cref="OutfitRules"/>.
/// </summary>
public static class DemoCatalog
{
    private const float PrimaryMin = 0.7f;
    private const float PrimaryMax = 1.0f;

    // Secondary scores stay below PrimaryMin so the drawn primary is always the argmax.
    private const float SecondaryMin = 0.3f;
    private const float SecondaryMax = 0.68f;
    private const float NoiseMax = 0.06f;

    private const double SameGroupChance = 0.6;
    private const double CompanionChance = 0.25;

    public static string IdOf(int index) => $"look-{index + 1:D7}";

    public static Look[] Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var looks = new Look[count];
        Parallel.For(0, count, i => looks[i] = Create(i, seed));
        return looks;
    }

    public static Look Create(int index, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var rng = new SplitMix(seed, index);

        var styles = DrawStyles(ref rng, out var primary, out var secondary);
        var kit = Kits[primary];
        var gender = DrawGender(ref rng, kit);
        var seasons = DrawSeasons(ref rng, primary);
        var (minTemp, maxTemp) = DrawTemperatures(ref rng, seasons);
        var occasions = DrawOccasions(ref rng, kit);
        var outfit = DrawOutfit(ref rng, kit, gender, minTemp);
        var palette = DrawPalette(ref rng, kit, secondary < 0 ? null : Kits[secondary], outfit.Count);

        return new Look(
            IdOf(index),
            SharedTitle(outfit.Title(kit.Adjective, palette[0].Colour)),
            ImageUrl: null,
            gender,
            seasons,
            occasions,
            minTemp,
            maxTemp,
            palette,
            outfit.Dress(palette),
            StyleVector.Create(styles));
    }

    private static float[] DrawStyles(ref SplitMix rng, out int primary, out int secondary)
    {
        var values = new float[StyleTaxonomy.Count];
        primary = rng.PickWeighted(StylePrior.Shares);
        values[primary] = rng.NextFloat(PrimaryMin, PrimaryMax);
        secondary = -1;
        var best = 0f;

        var sameGroup = SameGroup[primary];
        if (sameGroup.Length > 0 && rng.Chance(SameGroupChance))
        {
            var style = rng.Pick(sameGroup);
            values[style] = rng.NextFloat(SecondaryMin, SecondaryMax);
            (secondary, best) = (style, values[style]);
        }

        if (rng.Chance(CompanionChance))
        {
            var style = rng.Pick(Kits[primary].CompanionIndexes);
            values[style] = rng.NextFloat(SecondaryMin, SecondaryMax);
            if (values[style] > best)
            {
                secondary = style;
            }
        }

        // Real classifier outputs are never exactly one-hot: a few unrelated styles get a faint score.
        var noisy = 1 + rng.NextInt(3);
        for (var n = 0; n < noisy; n++)
        {
            var style = rng.NextInt(StyleTaxonomy.Count);
            if (values[style] == 0)
            {
                values[style] = rng.NextFloat(0, NoiseMax);
            }
        }

        return values;
    }

    private static Gender DrawGender(ref SplitMix rng, StyleKit kit)
    {
        var roll = rng.NextDouble();
        return roll < kit.Women ? Gender.Women : roll < kit.Women + kit.Men ? Gender.Men : Gender.Unisex;
    }

    private static ImmutableArray<Season> DrawSeasons(ref SplitMix rng, int primary)
    {
        // Resort looks are holiday wear: mostly summer whatever the general mix says.
        if (primary == Resort && rng.Chance(0.6))
        {
            return SummerOnly;
        }

        return SeasonPatterns[rng.PickWeighted(SeasonPatternWeights)];
    }

    private static (int Min, int Max) DrawTemperatures(ref SplitMix rng, ImmutableArray<Season> seasons)
    {
        var low = int.MaxValue;
        var high = int.MinValue;
        foreach (var season in seasons)
        {
            var (bandLow, bandHigh) = TemperatureBand(season);
            low = Math.Min(low, bandLow);
            high = Math.Max(high, bandHigh);
        }

        // Min in the lower 40 % of the union and max in the upper 40 %: the range spans the seasons and is never empty.
        var reach = (high - low) * 2 / 5;
        var min = low + rng.NextInt(reach + 1);
        var max = high - rng.NextInt(reach + 1);
        return (min, max);
    }

    private static (int Low, int High) TemperatureBand(Season season) => season switch
    {
        Season.Winter => (-15, 8),
        Season.Summer => (20, 35),
        _ => (5, 22),
    };

    private static ImmutableArray<Occasion> DrawOccasions(ref SplitMix rng, StyleKit kit)
    {
        var wanted = 1 + (rng.Chance(0.5) ? 1 : 0) + (rng.Chance(0.2) ? 1 : 0);
        var mask = 0;
        var count = 0;
        for (var attempt = 0; attempt < 8 && count < wanted; attempt++)
        {
            var bit = 1 << (int)rng.PickRanked(kit.Occasions);
            if ((mask & bit) == 0)
            {
                mask |= bit;
                count++;
            }
        }

        return OccasionSets[mask];
    }

    private static DemoOutfit DrawOutfit(ref SplitMix rng, StyleKit kit, Gender gender, int minTemp)
    {
        string? outer = null;
        if (OutfitRules.NeedsOuter(minTemp))
        {
            outer = rng.PickRanked(OutfitRules.NeedsHeavyOuter(minTemp) ? kit.ColdOuters : kit.Outers);
        }

        var onePieceChance = gender switch
        {
            Gender.Women => kit.OnePieceChance,
            Gender.Unisex => kit.OnePieceChance * 0.3f,
            _ => kit.OnePieceChance * 0.1f,
        };
        var weather = OutfitRules.UnsuitableTops(minTemp);
        var notWorn = gender == Gender.Women ? [] : WomenOnly;
        if (rng.Chance(onePieceChance) && rng.TryPickRanked(kit.OnePieces, notWorn, [], out var onePiece))
        {
            return new DemoOutfit(outer, onePiece, Top: null, Bottom: null);
        }

        var top = rng.TryPickRanked(kit.Tops, notWorn, weather, out var t) ? t : OutfitRules.PlainTop(minTemp);
        var bottom = rng.TryPickRanked(kit.Bottoms, notWorn, [], out var b) ? b : "pants";
        return new DemoOutfit(outer, OnePiece: null, top, bottom);
    }

    private static ImmutableArray<PaletteEntry> DrawPalette(ref SplitMix rng, StyleKit kit, StyleKit? secondary, int garmentCount)
    {
        // No more colours than garments, so every palette colour is worn by some garment.
        var wanted = Math.Min(1 + rng.NextInt(3), garmentCount);
        Span<Colour> colours = stackalloc Colour[3];
        var count = 0;
        for (var attempt = 0; attempt < 12 && count < wanted; attempt++)
        {
            var source = secondary is not null && rng.Chance(0.3) ? secondary : kit;
            var colour = rng.PickRanked(source.Colours);
            if (!colours[..count].Contains(colour))
            {
                colours[count++] = colour;
            }
        }

        Span<float> raw = stackalloc float[count];
        var total = 0f;
        for (var k = 0; k < count; k++)
        {
            raw[k] = rng.NextFloat(1f, 3f);
            total += raw[k];
        }

        raw.Sort();
        raw.Reverse();

        // Weights in whole hundredths with the remainder on the last (smallest) entry, so they sum to exactly 1.
        var entries = new PaletteEntry[count];
        var remaining = 100;
        for (var k = 0; k < count; k++)
        {
            var hundredths = k == count - 1 ? remaining : (int)MathF.Round(100 * raw[k] / total);
            remaining -= hundredths;
            entries[k] = PaletteEntryCache[(int)colours[k] * 101 + hundredths];
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(entries);
    }

    // Titles repeat: the vocabulary allows only several thousand, whatever the catalog size, so looks share them.
    private static string SharedTitle(string title) => TitleCache.GetOrAdd(title, title);

    private static readonly ConcurrentDictionary<string, string> TitleCache = new(StringComparer.Ordinal);

    private static readonly Colour[] AllColours = Enum.GetValues<Colour>();

    // The kits by style index, for the draws; StyleKits keys them by style so that no table depends on an order.
    private static readonly StyleKit[] Kits = [.. StyleTaxonomy.All.Select(style => StyleKits.ByKey[style.Key])];

    private static readonly int Resort = StyleTaxonomy.TryGetIndex("resort", out var index) ? index : throw new InvalidOperationException("No resort style.");

    private static readonly PaletteEntry[] PaletteEntryCache =
        [.. AllColours.SelectMany(c => Enumerable.Range(0, 101).Select(h => new PaletteEntry(c, h / 100f)))];

    private static readonly ImmutableArray<Occasion>[] OccasionSets =
    [
        .. Enumerable.Range(0, 1 << Enum.GetValues<Occasion>().Length)
            .Select(mask => Enum.GetValues<Occasion>().Where(o => (mask & (1 << (int)o)) != 0).ToImmutableArray()),
    ];

    private static readonly string[] WomenOnly = ["skirt", "blouse", "bra-top", "leggings", "dress"];

    private static readonly int[][] SameGroup =
    [
        .. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => StyleTaxonomy.GroupOf(i).Where(j => j != i).ToArray()),
    ];

    // Spring and autumn share a climate band, so they pair up as often as truly adjacent seasons do.
    private static readonly ImmutableArray<Season>[] SeasonPatterns =
    [
        [Season.Spring, Season.Autumn],
        [Season.Summer],
        [Season.Winter],
        [Season.Spring],
        [Season.Autumn],
        [Season.Spring, Season.Summer],
        [Season.Summer, Season.Autumn],
        [Season.Autumn, Season.Winter],
        [Season.Spring, Season.Winter],
        [Season.Spring, Season.Summer, Season.Autumn],
        [Season.Spring, Season.Autumn, Season.Winter],
    ];

    private static readonly ImmutableArray<Season> SummerOnly = SeasonPatterns[1];

    private static readonly float[] SeasonPatternWeights = [0.22f, 0.22f, 0.16f, 0.06f, 0.06f, 0.07f, 0.07f, 0.07f, 0.03f, 0.02f, 0.02f];
}
