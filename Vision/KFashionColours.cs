namespace OtMz.Vision;

/// <summary>
/// Names a colour with the nearest of the 21 K-Fashion colours. Each name has one or more sRGB anchors (a light,
/// mid and dark variant where a name covers a range, e.g. navy or brown); the nearest anchor by CIEDE2000 wins.
/// "Khaki" follows Korean usage (an olive drab), and "neon" is the fluorescent yellow-green of sportswear.
/// </summary>
public static class KFashionColours
{
    // The first anchor of each name is its reference swatch.
    private static readonly (Colour Colour, byte R, byte G, byte B)[] Anchors =
    [
        (Colour.Black, 24, 24, 24), (Colour.Black, 0, 0, 0),
        (Colour.White, 255, 255, 255), (Colour.White, 242, 242, 238),
        (Colour.Gray, 128, 128, 128), (Colour.Gray, 70, 70, 72), (Colour.Gray, 96, 96, 98), (Colour.Gray, 165, 165, 165),
        (Colour.Red, 200, 30, 40), (Colour.Red, 235, 45, 45), (Colour.Red, 170, 25, 30),
        (Colour.Pink, 245, 170, 190), (Colour.Pink, 240, 110, 160), (Colour.Pink, 255, 205, 215),
        (Colour.Orange, 245, 130, 30), (Colour.Orange, 255, 165, 70), (Colour.Orange, 215, 95, 30),
        (Colour.Beige, 225, 205, 170), (Colour.Beige, 240, 228, 205), (Colour.Beige, 200, 178, 140),
        (Colour.Brown, 120, 75, 45), (Colour.Brown, 155, 100, 60), (Colour.Brown, 80, 50, 32),
        (Colour.Yellow, 250, 215, 30), (Colour.Yellow, 255, 238, 120),
        (Colour.Green, 40, 140, 60), (Colour.Green, 20, 90, 45), (Colour.Green, 95, 185, 85),
        (Colour.Khaki, 110, 110, 60), (Colour.Khaki, 135, 130, 85), (Colour.Khaki, 80, 85, 50),
        (Colour.Mint, 160, 225, 200), (Colour.Mint, 110, 210, 180),
        (Colour.Blue, 30, 90, 200), (Colour.Blue, 60, 125, 225), (Colour.Blue, 70, 100, 145), (Colour.Blue, 0, 0, 255),
        (Colour.Blue, 20, 40, 210),
        (Colour.Navy, 25, 35, 80), (Colour.Navy, 10, 20, 60), (Colour.Navy, 40, 52, 100), (Colour.Navy, 0, 0, 128),
        (Colour.Navy, 15, 20, 105),
        (Colour.Skyblue, 135, 200, 235), (Colour.Skyblue, 175, 210, 240),
        (Colour.Purple, 120, 50, 150), (Colour.Purple, 85, 30, 110), (Colour.Purple, 155, 85, 185),
        (Colour.Lavender, 190, 170, 225), (Colour.Lavender, 215, 200, 240),
        (Colour.Wine, 115, 30, 50), (Colour.Wine, 90, 20, 40), (Colour.Wine, 140, 40, 65), (Colour.Wine, 120, 10, 25),
        (Colour.Neon, 200, 255, 0), (Colour.Neon, 170, 255, 40),
        (Colour.Gold, 210, 170, 50), (Colour.Gold, 190, 150, 40),
        (Colour.Silver, 200, 202, 210),
    ];

    private static readonly Lab[] AnchorLabs = BuildLabs();

    /// <summary>The reference sRGB swatch of a name (its first anchor).</summary>
    public static (byte R, byte G, byte B) Reference(Colour colour)
    {
        foreach (var anchor in Anchors)
        {
            if (anchor.Colour == colour)
            {
                return (anchor.R, anchor.G, anchor.B);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(colour), colour, "Not one of the 21 K-Fashion colours.");
    }

    /// <summary>The K-Fashion name nearest to an sRGB colour.</summary>
    public static Colour Nearest(byte r, byte g, byte b) => Nearest(Lab.FromSrgb(r, g, b));

    internal static Colour Nearest(Lab colour)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < AnchorLabs.Length; i++)
        {
            var distance = colour.DeltaE2000(AnchorLabs[i]);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = i;
            }
        }

        return Anchors[best].Colour;
    }

    private static Lab[] BuildLabs()
    {
        var labs = new Lab[Anchors.Length];
        for (var i = 0; i < Anchors.Length; i++)
        {
            labs[i] = Lab.FromSrgb(Anchors[i].R, Anchors[i].G, Anchors[i].B);
        }

        return labs;
    }
}
