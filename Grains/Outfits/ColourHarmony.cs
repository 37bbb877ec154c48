using System.Collections.Immutable;

namespace OtMz.Grains.Outfits;

/// <summary>How an outfit's accent colours relate, which is what <see cref="ColourHarmony"/> names in its reason.</summary>
public enum ColourRelation
{
    /// <summary>Only neutrals.</summary>
    Neutral,

    /// <summary>Neutrals with a single accent colour (worn on one garment or several).</summary>
    OneAccent,

    /// <summary>Accents of one hue family (at most 30° apart on the wheel).</summary>
    Tonal,

    /// <summary>Accents side by side on the wheel (at most 60° apart).</summary>
    Analogous,

    /// <summary>Accents opposite each other on the wheel (150° or more apart).</summary>
    Complementary,

    /// <summary>Soft pastels together (pink, lavender, mint, skyblue).</summary>
    Pastel,

    /// <summary>Accents a third of the wheel apart (105°–150°): they work, with care.</summary>
    Triadic,

    /// <summary>Accents that fight: 60°–105° apart, or neon with another accent.</summary>
    Clash,
}

/// <summary>The colour term of an outfit: a score in [0, 1], how its accents relate, and a short text saying so.</summary>
public readonly record struct ColourVerdict(float Score, ColourRelation Relation, string Text);

/// <summary>
/// The platform's colour rule set over the 21 K-Fashion colours (docs/outfits.md, "Colour"). Neutrals (black,
/// white, gray, beige, navy, brown, khaki, silver) go with anything; every other colour is an accent with a place on
/// the painter's (RYB) colour wheel, where red faces green, orange faces blue and yellow faces purple. Two accents
/// are tonal, analogous, pastel, triadic, complementary or a clash by their distance on the wheel; an outfit wears
/// at most <see cref="MaxAccents"/> accents and at most one print before it pays for more. The composer weighs the
/// score against the other terms (<see cref="OutfitComposer"/>); the thresholds are constants here so that the
/// documentation and the tests read the same numbers.
/// </summary>
public static class ColourHarmony
{
    /// <summary>Accents an outfit carries without penalty; each one more costs <see cref="ExtraAccentPenalty"/>.</summary>
    public const int MaxAccents = 2;

    public const float ExtraAccentPenalty = 0.25f;

    /// <summary>What a second (third, …) printed garment costs: prints compete with each other as accents do.</summary>
    public const float ExtraPrintPenalty = 0.15f;

    /// <summary>A palette entry below this weight is trim, not a colour of the garment, unless it is the garment's only one.</summary>
    public const float MainColourWeight = 0.2f;

    /// <summary>The score of each relation before the accent and print penalties.</summary>
    public static float ScoreOf(ColourRelation relation) => relation switch
    {
        ColourRelation.OneAccent => 1f,
        ColourRelation.Tonal => 0.95f,
        ColourRelation.Analogous => 0.9f,
        ColourRelation.Complementary => 0.85f,
        ColourRelation.Pastel => 0.85f,
        ColourRelation.Neutral => 0.85f,
        ColourRelation.Triadic => 0.6f,
        _ => 0.3f,
    };

    private static readonly Colour[] Neutrals =
        [Colour.Black, Colour.White, Colour.Gray, Colour.Beige, Colour.Navy, Colour.Brown, Colour.Khaki, Colour.Silver];

    private static readonly Colour[] Pastels = [Colour.Pink, Colour.Lavender, Colour.Mint, Colour.Skyblue];

    // Degrees on the RYB wheel (red 0, orange 60, yellow 120, green 180, blue 240, purple 300); NaN for neutrals.
    private static readonly float[] Hues = BuildHues();

    private static readonly string[] Names = [.. Enum.GetValues<Colour>().Select(c => c.ToString().ToLowerInvariant())];

    private static readonly int ColourCount = Names.Length;

    // Every pair of accents' relation, worked out once: the composer judges thousands of candidate outfits per call.
    private static readonly ColourRelation[] PairTable = BuildPairTable();

    private static ColourRelation[] BuildPairTable()
    {
        var table = new ColourRelation[ColourCount * ColourCount];
        foreach (var a in Enum.GetValues<Colour>().Where(c => !IsNeutral(c)))
        {
            foreach (var b in Enum.GetValues<Colour>().Where(c => !IsNeutral(c)))
            {
                table[(int)a * ColourCount + (int)b] = Relate(a, b);
            }
        }

        return table;
    }

    private static float[] BuildHues()
    {
        var hues = new float[Enum.GetValues<Colour>().Length];
        Array.Fill(hues, float.NaN);
        hues[(int)Colour.Red] = 0;
        hues[(int)Colour.Pink] = 350;
        hues[(int)Colour.Wine] = 340;
        hues[(int)Colour.Orange] = 60;
        hues[(int)Colour.Gold] = 90;
        hues[(int)Colour.Yellow] = 120;
        hues[(int)Colour.Neon] = 135;
        hues[(int)Colour.Green] = 180;
        hues[(int)Colour.Mint] = 200;
        hues[(int)Colour.Skyblue] = 225;
        hues[(int)Colour.Blue] = 240;
        hues[(int)Colour.Lavender] = 285;
        hues[(int)Colour.Purple] = 300;
        return hues;
    }

    public static bool IsNeutral(Colour colour) => float.IsNaN(Hues[(int)colour]);

    /// <summary>The colour's place on the RYB wheel in degrees; null for a neutral.</summary>
    public static float? HueOf(Colour colour) => IsNeutral(colour) ? null : Hues[(int)colour];

    /// <summary>How two accents relate (both must be accents; the same colour twice is tonal).</summary>
    public static ColourRelation Relate(Colour a, Colour b)
    {
        if (IsNeutral(a) || IsNeutral(b))
        {
            throw new ArgumentException("Only accents relate on the wheel; neutrals go with anything.");
        }

        if (a == b)
        {
            return ColourRelation.Tonal;
        }

        // Neon is an accent that wants neutrals around it; next to any other accent it fights.
        if (a == Colour.Neon || b == Colour.Neon)
        {
            return ColourRelation.Clash;
        }

        if (Array.IndexOf(Pastels, a) >= 0 && Array.IndexOf(Pastels, b) >= 0)
        {
            return ColourRelation.Pastel;
        }

        var d = MathF.Abs(Hues[(int)a] - Hues[(int)b]);
        d = MathF.Min(d, 360 - d);
        return d switch
        {
            <= 30 => ColourRelation.Tonal,
            <= 60 => ColourRelation.Analogous,
            < 105 => ColourRelation.Clash,
            < 150 => ColourRelation.Triadic,
            _ => ColourRelation.Complementary,
        };
    }

    /// <summary>The verdict on a set of garments' palettes, each garment counting equally; prints are not known here.</summary>
    public static ColourVerdict Score(IEnumerable<ImmutableArray<PaletteEntry>> palettes)
    {
        var accents = new List<Colour>();
        Span<Colour> main = stackalloc Colour[MaxMainColours];
        foreach (var palette in palettes)
        {
            foreach (var colour in MainColours(palette, main))
            {
                if (!IsNeutral(colour) && !accents.Contains(colour))
                {
                    accents.Add(colour);
                }
            }
        }

        return Judge(accents.ToArray(), printed: 0);
    }

    /// <summary>The most main colours a garment contributes.</summary>
    internal const int MaxMainColours = 3;

    /// <summary>
    /// The garment's main colours into <paramref name="destination"/>: the entries of at least
    /// <see cref="MainColourWeight"/>, heaviest first, at most <see cref="MaxMainColours"/>; the heaviest alone if none is.
    /// </summary>
    internal static ReadOnlySpan<Colour> MainColours(ImmutableArray<PaletteEntry> palette, Span<Colour> destination)
    {
        if (palette.IsDefaultOrEmpty)
        {
            return [];
        }

        var count = 0;
        var heaviest = palette[0];
        foreach (var entry in palette.OrderByDescending(e => e.Weight).ThenBy(e => e.Colour))
        {
            if (count == 0)
            {
                heaviest = entry;
            }

            if (entry.Weight >= MainColourWeight && count < destination.Length && !destination[..count].Contains(entry.Colour))
            {
                destination[count++] = entry.Colour;
            }
        }

        if (count == 0)
        {
            destination[count++] = heaviest.Colour;
        }

        return destination[..count];
    }

    /// <summary>
    /// The verdict for an outfit whose distinct accents are <paramref name="accents"/> (heaviest first, so that the
    /// relation named is the one a viewer sees most) and which has <paramref name="printed"/> printed garments. The
    /// relation is that of the worst-scoring pair of accents; neutral black with navy or brown changes nothing.
    /// </summary>
    internal static ColourVerdict Judge(ReadOnlySpan<Colour> accents, int printed)
    {
        var score = Evaluate(accents, printed, out var relation);
        return new ColourVerdict(score, relation, Text(relation, accents, printed));
    }

    /// <summary>The score of <see cref="Judge"/> without its text, for the composer's inner loop.</summary>
    internal static float Evaluate(ReadOnlySpan<Colour> accents, int printed, out ColourRelation relation)
    {
        relation = accents.Length switch
        {
            0 => ColourRelation.Neutral,
            1 => ColourRelation.OneAccent,
            _ => WorstPair(accents, out _, out _),
        };

        var score = ScoreOf(relation)
            - ExtraAccentPenalty * Math.Max(0, accents.Length - MaxAccents)
            - ExtraPrintPenalty * Math.Max(0, printed - 1);
        return Math.Clamp(score, 0f, 1f);
    }

    private static ColourRelation WorstPair(ReadOnlySpan<Colour> accents, out Colour first, out Colour second)
    {
        var worst = ColourRelation.OneAccent;
        var worstScore = float.MaxValue;
        (first, second) = (accents[0], accents[1]);
        for (var i = 0; i < accents.Length; i++)
        {
            for (var j = i + 1; j < accents.Length; j++)
            {
                var relation = PairTable[(int)accents[i] * ColourCount + (int)accents[j]];
                var score = ScoreOf(relation);
                if (score < worstScore)
                {
                    (worst, worstScore, first, second) = (relation, score, accents[i], accents[j]);
                }
            }
        }

        return worst;
    }

    private static string Text(ColourRelation relation, ReadOnlySpan<Colour> accents, int printed)
    {
        var text = relation switch
        {
            ColourRelation.Neutral => "Calm neutrals",
            ColourRelation.OneAccent => $"Neutrals with one accent, {Names[(int)accents[0]]}",
            _ => PairText(relation, accents),
        };

        if (accents.Length > MaxAccents)
        {
            text += $", but {accents.Length} accent colours is busy";
        }

        if (printed > 1)
        {
            text += $"{(accents.Length > MaxAccents ? " and" : ", but")} {printed} prints compete";
        }

        return text;
    }

    private static string PairText(ColourRelation relation, ReadOnlySpan<Colour> accents)
    {
        WorstPair(accents, out var a, out var b);
        var pair = $"{Names[(int)a]} and {Names[(int)b]}";
        return relation switch
        {
            ColourRelation.Tonal => $"Tonal {pair}",
            ColourRelation.Analogous => $"Neighbouring colours, {pair}",
            ColourRelation.Complementary => $"Complementary {pair}",
            ColourRelation.Pastel => $"Soft pastels, {pair}",
            ColourRelation.Triadic => $"A bold mix of {pair}",
            _ => $"{char.ToUpperInvariant(pair[0])}{pair[1..]} clash",
        };
    }

    /// <summary>The colour's lower-case name, as the wire and the reasons spell it.</summary>
    public static string NameOf(Colour colour) => Names[(int)colour];
}
