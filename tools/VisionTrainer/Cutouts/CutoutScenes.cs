using OtMz.VisionTrainer.Training;
using SkiaSharp;

namespace OtMz.VisionTrainer.Cutouts;

/// <summary>
/// Draws garment photos whose true mask is known, to measure a background remover (<see cref="CutoutBenchmark"/>):
/// picture <c>i</c> of seed <c>s</c> is always the same. The kind cycles through <see cref="SceneKind"/>; the
/// silhouette is one of the trainer's garment outlines (<see cref="GarmentShapes"/>: tees, shirts with hanging
/// sleeves, hoodies, trousers, skirts, dresses, open coats) or a flat tee with its sleeves spread, turned a little,
/// filling 45 to 85 % of a picture 320 to 512 pixels a side; half the pictures go through JPEG at quality 80 to 95.
/// </summary>
public static class CutoutScenes
{
    private const int Purpose = 0xC07;

    private static readonly string[] Shapes =
        ["flat-tee", "t-shirt", "shirt", "hoodie", "top", "jeans", "skirt", "dress", "jumpsuit", "coat", "jacket", "padding", "vest"];

    // Garment colours a closet holds: navy, black, white, greys, beige, brown, red, burgundy, green, khaki, blue, pink, yellow.
    private static readonly SKColor[] GarmentColours =
    [
        new(25, 35, 80), new(20, 20, 24), new(245, 245, 242), new(150, 150, 155), new(215, 215, 220), new(220, 200, 165),
        new(110, 75, 50), new(200, 30, 40), new(110, 25, 40), new(40, 120, 60), new(150, 140, 95), new(60, 110, 190),
        new(235, 160, 180), new(245, 210, 60),
    ];

    private static readonly SKColor[] LightBackdrops = [new(250, 250, 250), new(244, 244, 242), new(238, 236, 232), new(235, 238, 242), new(225, 205, 170)];

    public static CutoutScene Render(int index, int seed)
    {
        var rng = new SplitMix(seed, index, Purpose);
        var kind = (SceneKind)(index % Enum.GetValues<SceneKind>().Length);
        var width = 320 + 8 * rng.NextInt(25);
        var height = 320 + 8 * rng.NextInt(25);
        var shape = Shapes[rng.NextInt(Shapes.Length)];
        var (backdrop, primary, secondary, pattern) = Colours(kind, ref rng);
        using var path = Placed(shape, width, height, ref rng);

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            DrawBackdrop(canvas, kind, backdrop, width, height, ref rng);
            DrawGarment(canvas, path, pattern, primary, secondary, width, height, ref rng);
        }

        if (kind == SceneKind.NoisyBackdrop || rng.Chance(0.5))
        {
            AddNoise(bitmap, kind == SceneKind.NoisyBackdrop ? 8 + rng.NextInt(17) : 1 + rng.NextInt(4), ref rng);
        }

        var jpeg = rng.Chance(0.5);
        var rgba = jpeg ? ThroughJpeg(bitmap, 80 + rng.NextInt(16)) : bitmap.GetPixelSpan().ToArray();
        return new CutoutScene(index, kind, shape, width, height, rgba, Coverage(path, width, height), jpeg);
    }

    /// <summary>Wraps the scene's pixels as the intake would give them to a remover.</summary>
    public static DecodedImage Decoded(CutoutScene scene)
    {
        var bitmap = new SKBitmap(new SKImageInfo(scene.Width, scene.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        scene.Rgba.CopyTo(bitmap.GetPixelSpan());
        return new DecodedImage(bitmap, scene.Width, scene.Height, scene.Jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png);
    }

    private enum Pattern
    {
        Solid,
        Across,
        Along,
        Check,
    }

    private static (SKColor Backdrop, SKColor Primary, SKColor Secondary, Pattern Pattern) Colours(SceneKind kind, ref SplitMix rng)
    {
        var backdrop = Jitter(LightBackdrops[rng.NextInt(LightBackdrops.Length)], 4, ref rng);
        switch (kind)
        {
            case SceneKind.LightOnLight:
            {
                backdrop = Jitter(new SKColor(246, 246, 244), 4, ref rng);
                var primary = Near(backdrop, 6, 20, light: true, ref rng);
                var patterned = rng.Chance(0.4);
                return (backdrop, primary, patterned ? Near(backdrop, 6, 20, light: true, ref rng) : primary, patterned ? Pattern.Across : Pattern.Solid);
            }

            case SceneKind.Faint:
            {
                var primary = Near(backdrop, 2, 5, light: rng.Chance(0.7), ref rng);
                return (backdrop, primary, primary, Pattern.Solid);
            }

            case SceneKind.DarkOnDark:
            {
                var v = (byte)(15 + rng.NextInt(35));
                backdrop = new SKColor(v, v, (byte)(v + rng.NextInt(6)));
                var primary = Near(backdrop, 8, 25, light: false, ref rng);
                return (backdrop, primary, primary, Pattern.Solid);
            }

            case SceneKind.Striped or SceneKind.Checked:
            {
                var primary = Distinct(backdrop, ref rng);

                // One garment in three pairs a dark colour with one a few ΔE from the backdrop: the navy and
                // light-grey stripe on a white sweep.
                var secondary = rng.NextInt(3) == 0 ? Near(backdrop, 5, 14, light: true, ref rng) : Distinct(backdrop, ref rng);
                var pattern = kind == SceneKind.Checked ? Pattern.Check : rng.Chance(0.7) ? Pattern.Across : Pattern.Along;
                return (backdrop, primary, secondary, pattern);
            }

            default:
            {
                var primary = Distinct(backdrop, ref rng);
                return (backdrop, primary, primary, Pattern.Solid);
            }
        }
    }

    /// <summary>A closet colour at least 12 ΔE*ab from the backdrop.</summary>
    private static SKColor Distinct(SKColor backdrop, ref SplitMix rng)
    {
        while (true)
        {
            var colour = Jitter(GarmentColours[rng.NextInt(GarmentColours.Length)], 10, ref rng);
            if (DeltaE(colour, backdrop) >= 12)
            {
                return colour;
            }
        }
    }

    /// <summary>A colour between <paramref name="min"/> and <paramref name="max"/> ΔE*ab from the backdrop, lighter or darker.</summary>
    private static SKColor Near(SKColor backdrop, float min, float max, bool light, ref SplitMix rng)
    {
        while (true)
        {
            var shift = light ? -rng.NextInt(40) : rng.NextInt(40);
            var colour = new SKColor(
                Clamp(backdrop.Red + shift + rng.NextInt(13) - 6),
                Clamp(backdrop.Green + shift + rng.NextInt(13) - 6),
                Clamp(backdrop.Blue + shift + rng.NextInt(21) - 10));
            var d = DeltaE(colour, backdrop);
            if (d >= min && d <= max)
            {
                return colour;
            }
        }
    }

    private static float DeltaE(SKColor x, SKColor y) =>
        MathF.Sqrt(Lab.FromSrgb(x.Red, x.Green, x.Blue).DistanceSquared(Lab.FromSrgb(y.Red, y.Green, y.Blue)));

    private static SKPath Placed(string shape, int width, int height, ref SplitMix rng)
    {
        using var outline = shape == "flat-tee" ? FlatTee() : GarmentShapes.GarmentPath(new Garment(GarmentSlot.Top, shape, Colour.Navy), ref rng);
        var bounds = outline.Bounds;
        var fill = rng.NextFloat(0.45f, 0.85f);
        var scale = MathF.Min(fill * width / bounds.Width, fill * height / bounds.Height);
        var matrix = SKMatrix.CreateTranslation(-bounds.MidX, -bounds.MidY)
            .PostConcat(SKMatrix.CreateScale(scale, scale))
            .PostConcat(SKMatrix.CreateRotationDegrees(rng.NextFloat(-8, 8)))
            .PostConcat(SKMatrix.CreateTranslation(width / 2f + rng.NextFloat(-0.05f, 0.05f) * width, height / 2f + rng.NextFloat(-0.05f, 0.05f) * height));
        var placed = new SKPath(outline);
        placed.Transform(matrix);
        return placed;
    }

    /// <summary>A T-shirt laid flat with its sleeves spread, as product photos show it (unit square).</summary>
    private static SKPath FlatTee()
    {
        using var path = new SKPathBuilder();
        path.MoveTo(0.40f, 0.14f);
        path.QuadTo(0.50f, 0.26f, 0.60f, 0.14f);
        path.LineTo(0.73f, 0.18f);
        path.LineTo(0.89f, 0.36f);
        path.LineTo(0.80f, 0.45f);
        path.LineTo(0.71f, 0.37f);
        path.LineTo(0.71f, 0.88f);
        path.LineTo(0.29f, 0.88f);
        path.LineTo(0.29f, 0.37f);
        path.LineTo(0.20f, 0.45f);
        path.LineTo(0.11f, 0.36f);
        path.LineTo(0.27f, 0.18f);
        path.Close();
        return path.Detach();
    }

    private static void DrawBackdrop(SKCanvas canvas, SceneKind kind, SKColor backdrop, int width, int height, ref SplitMix rng)
    {
        canvas.Clear(backdrop);
        if (kind != SceneKind.GradientBackdrop)
        {
            return;
        }

        var depth = 15 + rng.NextInt(26);
        var dark = new SKColor(Clamp(backdrop.Red - depth), Clamp(backdrop.Green - depth), Clamp(backdrop.Blue - depth + 4));
        using var paint = new SKPaint();
        paint.Shader = rng.Chance(0.5)
            ? SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width * rng.NextFloat(-0.3f, 0.3f), height), [backdrop, dark], SKShaderTileMode.Clamp)
            : SKShader.CreateRadialGradient(new SKPoint(width * 0.5f, height * rng.NextFloat(0.3f, 0.5f)), MathF.Max(width, height) * 0.8f,
                [backdrop, dark], SKShaderTileMode.Clamp);
        canvas.DrawRect(0, 0, width, height, paint);
    }

    private static void DrawGarment(SKCanvas canvas, SKPath path, Pattern pattern, SKColor primary, SKColor secondary, int width, int height, ref SplitMix rng)
    {
        var period = 8 + 2 * rng.NextInt(26);
        canvas.Save();
        canvas.ClipPath(path, antialias: true);
        canvas.Clear(primary);
        using var paint = new SKPaint { Color = secondary };
        var offset = rng.NextInt(period);
        for (var a = -offset; a < Math.Max(width, height); a += period)
        {
            switch (pattern)
            {
                case Pattern.Across:
                    canvas.DrawRect(0, a + period / 2, width, period / 2, paint);
                    break;
                case Pattern.Along:
                    canvas.DrawRect(a + period / 2, 0, period / 2, height, paint);
                    break;
                case Pattern.Check:
                    for (var b = (a / period % 2) * period - offset; b < width; b += 2 * period)
                    {
                        canvas.DrawRect(b, a, period, period, paint);
                    }

                    break;
            }
        }

        canvas.Restore();
    }

    /// <summary>Which pixels of a width x height picture <paramref name="path"/> covers (pixel centres inside it): a known mask.</summary>
    public static bool[] Coverage(SKPath path, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = false })
        {
            canvas.Clear(SKColors.Transparent);
            canvas.DrawPath(path, paint);
        }

        var pixels = bitmap.GetPixelSpan();
        var truth = new bool[width * height];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = pixels[i * 4 + 3] >= 128;
        }

        return truth;
    }

    private static void AddNoise(SKBitmap bitmap, int amplitude, ref SplitMix rng)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            for (var c = 0; c < 3; c++)
            {
                pixels[i + c] = Clamp(pixels[i + c] + rng.NextInt(2 * amplitude + 1) - amplitude);
            }
        }
    }

    private static byte[] ThroughJpeg(SKBitmap bitmap, int quality)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        using var decoded = SKBitmap.Decode(data) ?? throw new InvalidOperationException("Skia could not read its own JPEG.");
        using var rgba = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var source = decoded.PeekPixels())
        {
            source.ReadPixels(rgba.Info, rgba.GetPixels(), rgba.RowBytes);
        }

        return rgba.GetPixelSpan().ToArray();
    }

    private static SKColor Jitter(SKColor colour, int amount, ref SplitMix rng) => new(
        Clamp(colour.Red + rng.NextInt(2 * amount + 1) - amount),
        Clamp(colour.Green + rng.NextInt(2 * amount + 1) - amount),
        Clamp(colour.Blue + rng.NextInt(2 * amount + 1) - amount));

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
