using SkiaSharp;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// The garments' outlines for <see cref="LookRenderer"/>: one path per garment in the figure space the renderer
/// draws in (128 units tall, centred on x = 0), with a little seeded variety in lengths and cuts.
/// </summary>
internal static class GarmentShapes
{
    /// <summary>The garment's outline in figure space (one path, possibly several overlapping contours).</summary>
    public static SKPath GarmentPath(Garment garment, ref SplitMix rng)
    {
        using var path = new SKPathBuilder();
        switch (garment.Category)
        {
            case "t-shirt":
                Torso(path, 24, 64, 15, 13);
                Sleeves(path, 24, 15, length: 12, width: 8);
                break;
            case "shirt" or "blouse" or "knitwear":
                Torso(path, 24, 64, 15, 13);
                Sleeves(path, 24, 15, length: 37, width: 7);
                break;
            case "hoodie":
                Torso(path, 24, 65, 16, 14);
                Sleeves(path, 24, 16, length: 37, width: 8);
                path.AddOval(new SKRect(-9, 17, 9, 28), SKPathDirection.Clockwise);
                break;
            case "top":
                Torso(path, 27, 58, 12, 12);
                break;
            case "bra-top":
                Torso(path, 28, 42, 12, 11);
                break;
            case "jeans" or "pants":
                Legs(path, 62, 118, 13, hemOuter: 12, hemInner: 2);
                break;
            case "jogger pants":
                Legs(path, 62, 117, 14, hemOuter: 10, hemInner: 4);
                break;
            case "leggings":
                Legs(path, 62, 118, 12, hemOuter: 10, hemInner: 5);
                break;
            case "skirt":
                Skirt(path, 62, 88 + rng.NextFloat(-4, 10), 13, 20);
                break;
            case "dress":
                Torso(path, 24, 62, 14, 12);
                Skirt(path, 60, 96 + rng.NextFloat(-8, 8), 12, 23);
                if (rng.Chance(0.5))
                {
                    Sleeves(path, 24, 14, length: 10, width: 7);
                }

                break;
            case "jumpsuit":
                Torso(path, 24, 64, 15, 13);
                Legs(path, 62, 118, 13, hemOuter: 12, hemInner: 2);
                break;
            case "coat":
                Outer(path, 22, 100, 18, 21, open: true);
                Sleeves(path, 22, 18, length: 38, width: 9);
                break;
            case "jacket":
                Outer(path, 22, 66, 18, 16, open: true);
                Sleeves(path, 22, 18, length: 37, width: 8.5f);
                break;
            case "padding":
                Outer(path, 20, 72, 20, 19, open: false);
                Sleeves(path, 20, 20, length: 38, width: 11);
                break;
            case "vest":
                Outer(path, 25, 64, 16, 15, open: true);
                break;
            case "cardigan":
                Outer(path, 23, 70, 17, 15, open: true);
                Sleeves(path, 23, 17, length: 37, width: 7.5f);
                break;
            default:
                Outer(path, 22, 64, 18, 16, open: false);
                Sleeves(path, 22, 18, length: 37, width: 8.5f);
                break;
        }

        return path.Detach();
    }

    private static void Torso(SKPathBuilder path, float top, float bottom, float shoulder, float waist) =>
        Polygon(path, [new(-shoulder, top), new(-4, top), new(0, top + 3), new(4, top), new(shoulder, top), new(waist, bottom), new(-waist, bottom)]);

    private static void Sleeves(SKPathBuilder path, float top, float shoulder, float length, float width)
    {
        foreach (var side in (ReadOnlySpan<float>)[-1f, 1f])
        {
            Polygon(path,
            [
                new(side * shoulder, top),
                new(side * (shoulder + 3), top + 1),
                new(side * (shoulder + 3 + length * 0.2f + width * 0.5f), top + length),
                new(side * (shoulder + length * 0.2f - width * 0.5f), top + length + 1),
                new(side * (shoulder - 2), top + width),
            ]);
        }
    }

    private static void Legs(SKPathBuilder path, float top, float bottom, float waist, float hemOuter, float hemInner)
    {
        foreach (var side in (ReadOnlySpan<float>)[-1f, 1f])
        {
            Polygon(path, [new(side * waist, top), new(0, top), new(0, top + 10), new(side * hemInner, bottom), new(side * hemOuter, bottom)]);
        }
    }

    private static void Skirt(SKPathBuilder path, float top, float bottom, float waist, float hem) =>
        Polygon(path, [new(-waist, top), new(waist, top), new(hem, bottom), new(-hem, bottom)]);

    private static void Outer(SKPathBuilder path, float top, float bottom, float shoulder, float hem, bool open)
    {
        if (!open)
        {
            Torso(path, top, bottom, shoulder, hem);
            return;
        }

        foreach (var side in (ReadOnlySpan<float>)[-1f, 1f])
        {
            Polygon(path, [new(side * shoulder, top), new(side * 5, top), new(side * 3, top + 12), new(side * 3, bottom), new(side * hem, bottom)]);
        }
    }

    // Every contour is added clockwise, so with the non-zero fill rule overlapping parts (a sleeve over the torso)
    // add up instead of cancelling into holes.
    private static void Polygon(SKPathBuilder path, SKPoint[] points)
    {
        var area = 0f;
        for (var i = 0; i < points.Length; i++)
        {
            var a = points[i];
            var b = points[(i + 1) % points.Length];
            area += a.X * b.Y - b.X * a.Y;
        }

        if (area < 0)
        {
            Array.Reverse(points);
        }

        path.AddPoly(points, close: true);
    }
}
