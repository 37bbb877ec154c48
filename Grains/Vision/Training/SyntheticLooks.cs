using OtMz.Grains.Demo;
using SkiaSharp;

namespace OtMz.Grains.Vision.Training;

/// <summary>
/// The labelled and unlabelled pictures the default style model learns from, all drawn from the demo catalog's
/// style priors: look <c>i</c> of seed <c>s</c> is <see cref="DemoCatalog.Create"/>(i, s), its labels are the styles
/// scoring at least <see cref="LabelThreshold"/> in its style vector (the primary and any secondary: multi-label),
/// and its garments' prints follow <see cref="PrintTendencies"/>. A picture depends only on (seed, index, kind).
/// </summary>
public static class SyntheticLooks
{
    public const float LabelThreshold = 0.3f;

    /// <summary>How often a garment takes its print from the look's secondary style instead of its primary.</summary>
    private const double SecondaryPrintChance = 0.3;

    private const int OutfitPurpose = 1, PhotoPurpose = 2;

    public static Look LookOf(int seed, int index) => DemoCatalog.Create(index, seed);

    public static bool[] Labels(Look look)
    {
        var labels = new bool[StyleTaxonomy.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = look.StyleVector[i] >= LabelThreshold;
        }

        return labels;
    }

    /// <summary>The labelled kind: a whole outfit on a figure, portrait 96 x 128.</summary>
    public static SKBitmap RenderOutfit(int seed, int index)
    {
        var look = LookOf(seed, index);
        var rng = new SplitMix(seed, index, OutfitPurpose);
        var prints = Prints(look, ref rng);
        return LookRenderer.RenderOutfit(look, prints, ref rng);
    }

    /// <summary>The unlabelled kind: one garment of the look, photographed flat, square 128 x 128.</summary>
    public static SKBitmap RenderPhoto(int seed, int index)
    {
        var look = LookOf(seed, index);
        var rng = new SplitMix(seed, index, PhotoPurpose);
        var prints = Prints(look, ref rng);
        var garment = rng.NextInt(look.Garments.Length);
        return LookRenderer.RenderPhoto(look, garment, prints[garment], ref rng);
    }

    private static GarmentPrint[] Prints(Look look, ref SplitMix rng)
    {
        var (primary, secondary) = TopStyles(look);
        var prints = new GarmentPrint[look.Garments.Length];
        for (var g = 0; g < prints.Length; g++)
        {
            var style = secondary >= 0 && rng.Chance(SecondaryPrintChance) ? secondary : primary;
            prints[g] = PrintTendencies.Draw(style, ref rng);
        }

        return prints;
    }

    private static (int Primary, int Secondary) TopStyles(Look look)
    {
        var values = look.StyleVector.Values;
        var primary = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[primary])
            {
                primary = i;
            }
        }

        var secondary = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (i != primary && values[i] >= LabelThreshold && (secondary < 0 || values[i] > values[secondary]))
            {
                secondary = i;
            }
        }

        return (primary, secondary);
    }
}
