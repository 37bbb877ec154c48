using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Catalog;

/// <summary>
/// The seeded demo catalog: K-Fashion-like looks whose statistics resemble the real data (street-heavy primary
/// styles, multi-label vectors where styles of one group co-occur, palettes, garments and temperature ranges that
/// fit the style and the season). Look <c>i</c> depends only on <c>(i, seed)</c>, so generation runs in parallel
/// and a small catalog is a prefix of a large one with the same seed.
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

    // Below this a look needs an outer; below freezing the outer is a coat or a padding.
    private const int OuterBelowC = 15;
    private const int ColdOuterBelowC = 0;

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
            var style = rng.Pick(Kits[primary].Companions);
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

    private static Outfit DrawOutfit(ref SplitMix rng, StyleKit kit, Gender gender, int minTemp)
    {
        string? outer = null;
        if (minTemp < OuterBelowC)
        {
            outer = rng.PickRanked(minTemp < ColdOuterBelowC ? kit.ColdOuters : kit.Outers);
        }

        var onePieceChance = gender switch
        {
            Gender.Women => kit.OnePieceChance,
            Gender.Unisex => kit.OnePieceChance * 0.3f,
            _ => kit.OnePieceChance * 0.1f,
        };
        var weather = minTemp < ColdOuterBelowC ? TooLightForFrost : minTemp >= 20 ? TooWarmForHeat : [];
        var notWorn = gender == Gender.Women ? [] : WomenOnly;
        if (rng.Chance(onePieceChance) && rng.TryPickRanked(kit.OnePieces, notWorn, [], out var onePiece))
        {
            return new Outfit(outer, onePiece, Top: null, Bottom: null);
        }

        var top = rng.TryPickRanked(kit.Tops, notWorn, weather, out var t) ? t : FallbackTop(minTemp);
        var bottom = rng.TryPickRanked(kit.Bottoms, notWorn, [], out var b) ? b : "pants";
        return new Outfit(outer, OnePiece: null, top, bottom);
    }

    private static string FallbackTop(int minTemp) => minTemp < ColdOuterBelowC ? "knitwear" : minTemp >= 20 ? "t-shirt" : "shirt";

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

    /// <summary>An outer (or none), then either a one-piece or a top and a bottom.</summary>
    private readonly record struct Outfit(string? Outer, string? OnePiece, string? Top, string? Bottom)
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
    }

    // A million looks share these immutable values instead of each holding its own copies: less memory, and far
    // less for the GC to promote while a large catalog is generated.
    private static Garment GarmentOf(GarmentSlot slot, string category, Colour colour) => GarmentCache[(slot, category)][(int)colour];

    // Titles repeat: the vocabulary allows only several thousand, whatever the catalog size, so looks share them.
    private static string SharedTitle(string title) => TitleCache.GetOrAdd(title, title);

    private static readonly ConcurrentDictionary<string, string> TitleCache = new(StringComparer.Ordinal);

    private static readonly Colour[] AllColours = Enum.GetValues<Colour>();

    private static readonly FrozenDictionary<(GarmentSlot, string), Garment[]> GarmentCache =
        new[] { GarmentSlot.Outer, GarmentSlot.Top, GarmentSlot.Bottom, GarmentSlot.OnePiece }
            .SelectMany(slot => GarmentVocabulary.CategoriesBySlot[slot].Select(category => (slot, category)))
            .ToFrozenDictionary(key => key, key => AllColours.Select(c => new Garment(key.slot, key.category, c)).ToArray());

    private static readonly PaletteEntry[] PaletteEntryCache =
        [.. AllColours.SelectMany(c => Enumerable.Range(0, 101).Select(h => new PaletteEntry(c, h / 100f)))];

    private static readonly ImmutableArray<Occasion>[] OccasionSets =
    [
        .. Enumerable.Range(0, 1 << Enum.GetValues<Occasion>().Length)
            .Select(mask => Enum.GetValues<Occasion>().Where(o => (mask & (1 << (int)o)) != 0).ToImmutableArray()),
    ];

    private static readonly string[] WomenOnly = ["skirt", "blouse", "bra-top", "leggings", "dress"];
    private static readonly string[] TooLightForFrost = ["top", "bra-top"];
    private static readonly string[] TooWarmForHeat = ["knitwear", "hoodie"];

    private static readonly string[] ColourNames = [.. AllColours.Select(c => c.ToString().ToLowerInvariant())];

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

    /// <summary>
    /// What a look of one primary style is made of. Lists are in order of preference: earlier entries are drawn
    /// more often. <see cref="Companions"/> are styles of other groups that plausibly share a look with this one.
    /// </summary>
    private sealed record StyleKit(
        string Adjective,
        float Women,
        float Men,
        Occasion[] Occasions,
        Colour[] Colours,
        string[] Outers,
        string[] ColdOuters,
        string[] Tops,
        string[] Bottoms,
        float OnePieceChance,
        string[] OnePieces,
        int[] Companions);

    // Style indexes for the companion lists, in docs/styles.md order.
    private const int Classic = 0, Preppy = 1, Mannish = 2, Feminine = 4, Romantic = 5, Hippie = 7, Modern = 10,
        Sophisticated = 11, Avantgarde = 12, Country = 13, Resort = 14, Genderless = 15, Sporty = 16, Retro = 17, Hiphop = 19,
        Punk = 20, Military = 21, Street = 22;

    private static readonly StyleKit[] Kits =
    [
        new("Classic", 0.55f, 0.35f, [Occasion.Work, Occasion.Date, Occasion.Daily],
            [Colour.Navy, Colour.Beige, Colour.White, Colour.Black, Colour.Brown, Colour.Gray],
            ["coat", "jacket", "cardigan"], ["coat"], ["shirt", "blouse", "knitwear"], ["pants", "skirt"],
            0.15f, ["dress"], [Modern, Sophisticated, Feminine]),
        new("Preppy", 0.5f, 0.35f, [Occasion.Daily, Occasion.Work, Occasion.Date],
            [Colour.Navy, Colour.White, Colour.Red, Colour.Green, Colour.Beige, Colour.Skyblue],
            ["jacket", "cardigan", "vest"], ["coat", "padding"], ["shirt", "knitwear", "t-shirt"], ["pants", "skirt", "jeans"],
            0.1f, ["dress"], [Sporty, Street, Retro]),
        new("Mannish", 0.85f, 0.05f, [Occasion.Work, Occasion.Daily, Occasion.Date],
            [Colour.Black, Colour.Gray, Colour.Navy, Colour.Beige, Colour.White, Colour.Brown],
            ["jacket", "coat"], ["coat"], ["shirt", "knitwear", "t-shirt"], ["pants", "jeans"],
            0.05f, ["jumpsuit", "dress"], [Modern, Classic, Genderless]),
        new("Tomboy", 0.8f, 0.05f, [Occasion.Daily, Occasion.Travel],
            [Colour.Black, Colour.White, Colour.Gray, Colour.Blue, Colour.Khaki, Colour.Navy],
            ["jacket", "jumper", "zip-up"], ["padding"], ["t-shirt", "shirt", "hoodie"], ["jeans", "pants"],
            0.05f, ["jumpsuit"], [Street, Sporty, Genderless]),
        new("Feminine", 0.93f, 0.01f, [Occasion.Date, Occasion.Daily, Occasion.Party],
            [Colour.White, Colour.Beige, Colour.Pink, Colour.Skyblue, Colour.Lavender, Colour.Black],
            ["cardigan", "jacket", "coat"], ["coat"], ["blouse", "knitwear", "top"], ["skirt", "pants"],
            0.4f, ["dress"], [Classic, Modern, Sophisticated]),
        new("Romantic", 0.93f, 0.01f, [Occasion.Date, Occasion.Daily, Occasion.Party],
            [Colour.Pink, Colour.Lavender, Colour.White, Colour.Mint, Colour.Skyblue, Colour.Beige],
            ["cardigan", "jacket"], ["coat"], ["blouse", "knitwear"], ["skirt"],
            0.5f, ["dress"], [Classic, Country, Resort, Retro]),
        new("Sexy", 0.93f, 0.01f, [Occasion.Party, Occasion.Date],
            [Colour.Black, Colour.Red, Colour.Wine, Colour.White, Colour.Gold],
            ["jacket", "coat"], ["coat"], ["top", "bra-top", "blouse"], ["skirt", "leggings", "pants"],
            0.45f, ["dress"], [Modern, Sophisticated, Street]),
        new("Hippie", 0.7f, 0.15f, [Occasion.Travel, Occasion.Daily],
            [Colour.Brown, Colour.Orange, Colour.Beige, Colour.Khaki, Colour.Yellow, Colour.Green],
            ["vest", "cardigan", "jacket"], ["coat"], ["blouse", "top", "knitwear"], ["jeans", "skirt", "pants"],
            0.35f, ["dress"], [Country, Resort, Retro]),
        new("Western", 0.6f, 0.3f, [Occasion.Daily, Occasion.Travel],
            [Colour.Brown, Colour.Beige, Colour.Blue, Colour.White, Colour.Khaki],
            ["jacket", "vest"], ["coat", "padding"], ["shirt", "t-shirt"], ["jeans"],
            0.1f, ["dress"], [Country, Retro, Street]),
        new("Oriental", 0.7f, 0.15f, [Occasion.Party, Occasion.Date, Occasion.Daily],
            [Colour.Red, Colour.Gold, Colour.Black, Colour.Wine, Colour.Navy, Colour.Green],
            ["jacket", "cardigan"], ["coat"], ["blouse", "shirt", "top"], ["pants", "skirt"],
            0.35f, ["dress"], [Modern, Avantgarde, Romantic]),
        new("Modern", 0.55f, 0.3f, [Occasion.Work, Occasion.Daily, Occasion.Date],
            [Colour.Black, Colour.White, Colour.Gray, Colour.Navy, Colour.Beige],
            ["coat", "jacket"], ["coat", "padding"], ["shirt", "knitwear", "t-shirt"], ["pants", "skirt"],
            0.2f, ["dress", "jumpsuit"], [Classic, Street, Mannish, Feminine]),
        new("Sophisticated", 0.7f, 0.2f, [Occasion.Work, Occasion.Date, Occasion.Party],
            [Colour.Black, Colour.Beige, Colour.White, Colour.Navy, Colour.Wine, Colour.Gray],
            ["coat", "jacket"], ["coat"], ["blouse", "shirt", "knitwear"], ["pants", "skirt"],
            0.25f, ["dress"], [Classic, Feminine, Mannish]),
        new("Avant-garde", 0.45f, 0.3f, [Occasion.Party, Occasion.Daily],
            [Colour.Black, Colour.White, Colour.Silver, Colour.Gray, Colour.Purple],
            ["coat", "jacket"], ["coat", "padding"], ["shirt", "top", "t-shirt"], ["pants", "skirt"],
            0.3f, ["dress", "jumpsuit"], [Street, Genderless, Punk]),
        new("Country", 0.7f, 0.15f, [Occasion.Daily, Occasion.Travel],
            [Colour.Beige, Colour.Brown, Colour.Green, Colour.White, Colour.Khaki],
            ["cardigan", "vest", "jacket"], ["coat", "padding"], ["shirt", "knitwear", "blouse"], ["skirt", "jeans", "pants"],
            0.35f, ["dress"], [Hippie, Romantic, Classic]),
        new("Resort", 0.65f, 0.15f, [Occasion.Travel, Occasion.Daily, Occasion.Date],
            [Colour.White, Colour.Skyblue, Colour.Yellow, Colour.Mint, Colour.Orange, Colour.Beige],
            ["cardigan", "vest"], ["coat"], ["top", "t-shirt", "blouse", "shirt"], ["pants", "skirt"],
            0.45f, ["dress", "jumpsuit"], [Feminine, Hippie, Sporty]),
        new("Genderless", 0.15f, 0.15f, [Occasion.Daily, Occasion.Work],
            [Colour.Black, Colour.White, Colour.Gray, Colour.Beige, Colour.Navy],
            ["jacket", "coat", "zip-up"], ["coat", "padding"], ["shirt", "t-shirt", "knitwear", "hoodie"], ["pants", "jeans"],
            0.05f, ["jumpsuit"], [Street, Modern, Avantgarde]),
        new("Sporty", 0.4f, 0.4f, [Occasion.Workout, Occasion.Daily, Occasion.Travel],
            [Colour.Black, Colour.White, Colour.Gray, Colour.Neon, Colour.Blue, Colour.Red],
            ["zip-up", "jumper"], ["padding"], ["hoodie", "t-shirt", "bra-top"], ["jogger pants", "leggings"],
            0.03f, ["jumpsuit"], [Street, Hiphop, Preppy]),
        new("Retro", 0.5f, 0.3f, [Occasion.Daily, Occasion.Date],
            [Colour.Brown, Colour.Orange, Colour.Yellow, Colour.Green, Colour.Wine, Colour.Beige, Colour.Blue],
            ["jacket", "cardigan", "jumper"], ["coat", "padding"], ["shirt", "knitwear", "t-shirt"], ["jeans", "pants", "skirt"],
            0.2f, ["dress"], [Street, Preppy, Romantic]),
        new("Kitsch", 0.6f, 0.15f, [Occasion.Daily, Occasion.Party],
            [Colour.Pink, Colour.Yellow, Colour.Mint, Colour.Purple, Colour.Neon, Colour.Skyblue],
            ["cardigan", "jumper", "zip-up"], ["padding"], ["t-shirt", "hoodie", "knitwear"], ["skirt", "jeans"],
            0.2f, ["dress"], [Street, Romantic, Sporty]),
        new("Hip-hop", 0.35f, 0.45f, [Occasion.Daily, Occasion.Party, Occasion.Travel],
            [Colour.Black, Colour.White, Colour.Gray, Colour.Red, Colour.Gold, Colour.Neon],
            ["jumper", "jacket", "zip-up"], ["padding"], ["hoodie", "t-shirt"], ["jeans", "jogger pants", "pants"],
            0.02f, ["jumpsuit"], [Street, Sporty, Military]),
        new("Punk", 0.4f, 0.4f, [Occasion.Party, Occasion.Daily],
            [Colour.Black, Colour.Red, Colour.Silver, Colour.White, Colour.Wine],
            ["jacket", "vest"], ["padding", "coat"], ["t-shirt", "shirt", "top"], ["jeans", "skirt", "pants"],
            0.1f, ["dress"], [Street, Military, Avantgarde]),
        new("Military", 0.35f, 0.45f, [Occasion.Daily, Occasion.Travel],
            [Colour.Khaki, Colour.Green, Colour.Black, Colour.Brown, Colour.Beige],
            ["jacket", "jumper", "vest"], ["padding", "coat"], ["t-shirt", "shirt"], ["pants", "jogger pants"],
            0.05f, ["jumpsuit"], [Hiphop, Punk, Mannish, Sporty]),
        new("Street", 0.4f, 0.4f, [Occasion.Daily, Occasion.Travel, Occasion.Date],
            [Colour.Black, Colour.Gray, Colour.White, Colour.Navy, Colour.Blue, Colour.Neon, Colour.Khaki, Colour.Beige],
            ["jacket", "jumper", "zip-up", "cardigan"], ["padding", "coat"], ["t-shirt", "hoodie", "shirt", "knitwear"],
            ["jeans", "pants", "jogger pants"],
            0.08f, ["dress"], [Hiphop, Sporty, Modern, Genderless, Retro]),
    ];
}
