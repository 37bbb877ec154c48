using SkiaSharp;

namespace OtMz.VisionTrainer.Model;

/// <summary>
/// One sRGB swatch per K-Fashion colour name (Colour enum order). The default style model's colour histogram
/// uses them as prototypes and the training renderer paints garments with jittered copies of them.
/// </summary>
internal static class StyleColourSwatches
{
    private static readonly SKColor[] Swatches =
    [
        new(24, 24, 26),     // black
        new(244, 244, 240),  // white
        new(128, 128, 130),  // gray
        new(200, 32, 42),    // red
        new(238, 152, 180),  // pink
        new(240, 128, 40),   // orange
        new(214, 194, 160),  // beige
        new(118, 74, 44),    // brown
        new(244, 212, 52),   // yellow
        new(44, 128, 64),    // green
        new(128, 124, 80),   // khaki
        new(160, 224, 198),  // mint
        new(40, 90, 200),    // blue
        new(28, 38, 82),     // navy
        new(136, 190, 234),  // skyblue
        new(110, 52, 150),   // purple
        new(190, 170, 226),  // lavender
        new(112, 22, 46),    // wine
        new(190, 250, 40),   // neon
        new(204, 164, 52),   // gold
        new(192, 192, 200),  // silver
    ];

    public static int Count => Swatches.Length;

    public static SKColor Of(Colour colour) => Swatches[(int)colour];

    public static SKColor At(int index) => Swatches[index];
}
