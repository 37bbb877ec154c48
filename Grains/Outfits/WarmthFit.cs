namespace OtMz.Grains.Outfits;

/// <summary>
/// The weather term of an outfit (docs/outfits.md, "Weather"): how the clothing layers' warmth (the
/// <see cref="GarmentWarmth"/> of the outer, the top and the bottom, a one-piece counting twice as it covers both)
/// meets a target for the day's temperature and rain, how the shoes suit the temperature, and whether a rainy day
/// gets an outer and closed shoes. The hard limits (no summer-only piece in the cold, the outers the cold needs) are
/// <see cref="OutfitHardRules"/>'; this is the soft preference among outfits that pass them.
/// </summary>
public static class WarmthFit
{
    /// <summary>The temperature assumed when the day's weather is unknown: mild, no outer required.</summary>
    public const float DefaultTemperatureC = 17f;

    /// <summary>From this much precipitation (mm) a day counts as rainy.</summary>
    public const float RainFromMm = 1f;

    /// <summary>What rain adds to the target: wet air feels colder.</summary>
    public const float RainExtraWarmth = 0.5f;

    /// <summary>How far (in warmth steps) the layers may miss the target and still score e^-1/2 ≈ 0.61.</summary>
    public const float Tolerance = 1.5f;

    // (temperature °C, target warmth of the clothing layers), warmest first; linear in between, flat outside.
    private static readonly (float TempC, float Warmth)[] Targets =
        [(30, 1), (25, 2), (20, 3.5f), (15, 5), (10, 6), (5, 7), (0, 8), (-5, 9), (-15, 10)];

    /// <summary>
    /// The clothing warmth a day calls for: 1 at 30 °C and above (a summer top and a skirt), 3.5 at 20 °C (a t-shirt
    /// and jeans), 5 at 15 °C, 8 at 0 °C (a shirt, trousers and a coat), 10 at −15 °C and below, linear in between;
    /// <see cref="RainExtraWarmth"/> more on a rainy day.
    /// </summary>
    public static float Target(float temperatureC, float precipitationMm)
    {
        var target = Targets[^1].Warmth;
        if (temperatureC >= Targets[0].TempC)
        {
            target = Targets[0].Warmth;
        }
        else
        {
            for (var i = 1; i < Targets.Length; i++)
            {
                if (temperatureC >= Targets[i].TempC)
                {
                    var (warmTemp, warmW) = Targets[i - 1];
                    var (coldTemp, coldW) = Targets[i];
                    target = coldW + (warmW - coldW) * (temperatureC - coldTemp) / (warmTemp - coldTemp);
                    break;
                }
            }
        }

        return IsRainy(precipitationMm) ? target + RainExtraWarmth : target;
    }

    public static bool IsRainy(float precipitationMm) => precipitationMm >= RainFromMm;

    /// <summary>The shoe warmth a temperature suits: boots below 5 °C, sandals' or heels' lightness from 22 °C.</summary>
    public static float ShoeTarget(float temperatureC) => temperatureC < 5 ? GarmentWarmth.Warm : temperatureC < 22 ? GarmentWarmth.Medium : 0.5f;

    /// <summary>How closely <paramref name="layers"/> warmth meets <paramref name="target"/>: 1 on it, a Gaussian of width <see cref="Tolerance"/>.</summary>
    public static float LayerFit(float layers, float target)
    {
        var miss = (layers - target) / Tolerance;
        return MathF.Exp(-0.5f * miss * miss);
    }

    /// <summary>
    /// The weather term in [0, 1]: 0.7 × the layers' fit + 0.15 × the shoes' fit (1 − |warmth − target| / 4; 0.5
    /// without shoes) + 0.15 × the rain fit (1 on a dry day; on a rainy one, half for an outer and half for closed
    /// shoes, anything but sandals).
    /// </summary>
    /// <param name="layers">The clothing layers' warmth (<see cref="LayerWarmth"/>).</param>
    /// <param name="shoeWarmth">The shoes' warmth; null without shoes.</param>
    public static float Score(float layers, bool hasOuter, int? shoeWarmth, string? shoeCategory, float temperatureC, float precipitationMm)
    {
        var layerFit = LayerFit(layers, Target(temperatureC, precipitationMm));
        var shoeFit = shoeWarmth is { } w ? 1f - MathF.Abs(w - ShoeTarget(temperatureC)) / GarmentWarmth.Heavy : 0.5f;
        var rainFit = 1f;
        if (IsRainy(precipitationMm))
        {
            var closedShoes = shoeWarmth is not null && shoeCategory != "sandals";
            rainFit = (hasOuter ? 0.5f : 0f) + (closedShoes ? 0.5f : 0f);
        }

        return 0.7f * layerFit + 0.15f * shoeFit + 0.15f * rainFit;
    }

    /// <summary>The warmth a piece adds to the clothing layers: a one-piece counts twice, shoes, bags and accessories not at all.</summary>
    public static int LayerWarmth(GarmentSlot slot, int warmth) => slot switch
    {
        GarmentSlot.Outer or GarmentSlot.Top or GarmentSlot.Bottom => warmth,
        GarmentSlot.OnePiece => 2 * warmth,
        _ => 0,
    };
}
