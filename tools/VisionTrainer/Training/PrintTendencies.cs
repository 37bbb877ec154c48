namespace OtMz.VisionTrainer.Training;

/// <summary>
/// How likely each print is on a garment of each style, in docs/styles.md order (the table in docs/vision-model.md).
/// These are the project's assumptions, in the spirit of the K-Fashion labels: traditional styles wear checks and
/// stripes, the natural and feminine ones florals and dots, punk and military camouflage and animal prints, the
/// contemporary ones mostly plain. A garment takes its print from the look's primary style, sometimes from its
/// secondary.
/// </summary>
public static class PrintTendencies
{
    // Columns: plain, stripe, check, dot, floral, camouflage, animal, graphic.
    private static readonly float[][] Table =
    [
        [0.60f, 0.15f, 0.25f, 0, 0, 0, 0, 0],          // classic
        [0.20f, 0.35f, 0.45f, 0, 0, 0, 0, 0],          // preppy
        [0.70f, 0.20f, 0.10f, 0, 0, 0, 0, 0],          // mannish
        [0.60f, 0.20f, 0, 0, 0, 0, 0, 0.20f],          // tomboy
        [0.60f, 0, 0, 0.20f, 0.20f, 0, 0, 0],          // feminine
        [0.25f, 0, 0, 0.25f, 0.50f, 0, 0, 0],          // romantic
        [0.60f, 0, 0, 0, 0, 0, 0.40f, 0],              // sexy
        [0.30f, 0.20f, 0, 0, 0.50f, 0, 0, 0],          // hippie
        [0.40f, 0, 0.40f, 0, 0, 0, 0.20f, 0],          // western
        [0.40f, 0, 0, 0, 0.40f, 0, 0, 0.20f],          // oriental
        [0.90f, 0.10f, 0, 0, 0, 0, 0, 0],              // modern
        [0.85f, 0, 0.15f, 0, 0, 0, 0, 0],              // sophisticated
        [0.50f, 0.10f, 0, 0, 0, 0, 0, 0.40f],          // avantgarde
        [0.20f, 0, 0.50f, 0, 0.30f, 0, 0, 0],          // country
        [0.20f, 0.30f, 0, 0, 0.50f, 0, 0, 0],          // resort
        [0.85f, 0.15f, 0, 0, 0, 0, 0, 0],              // genderless
        [0.30f, 0.50f, 0, 0, 0, 0, 0, 0.20f],          // sporty
        [0.20f, 0.20f, 0.30f, 0.30f, 0, 0, 0, 0],      // retro
        [0.20f, 0, 0, 0.35f, 0.10f, 0, 0, 0.35f],      // kitsch
        [0.30f, 0, 0, 0, 0, 0.20f, 0, 0.50f],          // hiphop
        [0.20f, 0, 0.40f, 0, 0, 0, 0.20f, 0.20f],      // punk
        [0.40f, 0, 0, 0, 0, 0.60f, 0, 0],              // military
        [0.50f, 0.10f, 0.10f, 0, 0, 0.05f, 0, 0.25f],  // street
    ];

    /// <summary>The chance of each print (enum order) on a garment of <paramref name="style"/>.</summary>
    public static ReadOnlySpan<float> Of(int style) => Table[style];

    internal static GarmentPrint Draw(int style, ref SplitMix rng) => (GarmentPrint)rng.PickWeighted(Table[style]);
}
