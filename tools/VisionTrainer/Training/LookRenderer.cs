using OtMz.Vision.Model;
using SkiaSharp;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// Paints demo-catalog looks for training. An outfit picture is a simple figure wearing the look's garments (each
/// in its palette colour, jittered, with a print) on a light studio background, portrait 96 x 128. A garment photo
/// is one garment of a look laid flat, filling a square 128 x 128 frame, on a darker or tinted background under a
/// colour cast with sensor noise: the "unlabelled domain" the default model is adapted to by self-training.
/// Shapes are drawn in a figure space 128 units tall, centred on x = 0.
/// </summary>
internal static class LookRenderer
{
    public const int OutfitWidth = 96;
    public const int OutfitHeight = 128;
    public const int PhotoSide = 128;

    private static readonly SKColor[] SkinTones = [new(241, 206, 178), new(224, 178, 140), new(190, 140, 100), new(140, 98, 68)];
    private static readonly SKColor[] HairTones = [new(30, 24, 20), new(70, 48, 30), new(120, 90, 60), new(20, 20, 22)];
    private static readonly Colour[] CamouflageColours = [Colour.Khaki, Colour.Green, Colour.Brown, Colour.Black, Colour.Beige];

    public static SKBitmap RenderOutfit(Look look, IReadOnlyList<GarmentPrint> prints, ref SplitMix rng)
    {
        using var surface = new SKBitmap(new SKImageInfo(OutfitWidth, OutfitHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(surface))
        {
            var grey = rng.NextFloat(230, 250);
            canvas.Clear(new SKColor(Byte(grey + rng.NextFloat(-4, 4)), Byte(grey + rng.NextFloat(-4, 4)), Byte(grey + rng.NextFloat(-4, 4))));

            var scale = rng.NextFloat(0.9f, 1.02f) * OutfitHeight / 128f;
            canvas.Translate(OutfitWidth / 2f + rng.NextFloat(-4, 4), rng.NextFloat(0, 4));
            canvas.Scale(scale);

            using (var shadow = new SKPaint { Color = new SKColor(0, 0, 0, 36), IsAntialias = true })
            {
                canvas.DrawOval(new SKPoint(0, 123), new SKSize(22, 3), shadow);
            }

            DrawBody(canvas, look, ref rng);

            // Bottoms, then tops over their waistband, then one-pieces, then outers over everything.
            foreach (var slot in (ReadOnlySpan<GarmentSlot>)[GarmentSlot.Bottom, GarmentSlot.Top, GarmentSlot.OnePiece, GarmentSlot.Outer])
            {
                for (var g = 0; g < look.Garments.Length; g++)
                {
                    if (look.Garments[g].Slot == slot)
                    {
                        DrawGarment(canvas, look, g, prints[g], ref rng);
                    }
                }
            }

            using var shoes = new SKPaint { Color = new SKColor(35, 32, 30), IsAntialias = true };
            canvas.DrawOval(new SKPoint(-8, 121), new SKSize(5, 2.5f), shoes);
            canvas.DrawOval(new SKPoint(8, 121), new SKSize(5, 2.5f), shoes);
        }

        return Unpremultiplied(surface);
    }

    public static SKBitmap RenderPhoto(Look look, int garment, GarmentPrint print, ref SplitMix rng)
    {
        using var surface = new SKBitmap(new SKImageInfo(PhotoSide, PhotoSide, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(surface))
        {
            // The camera's colour cast applies to everything drawn inside this layer.
            float[] cast = [rng.NextFloat(0.9f, 1.1f), rng.NextFloat(0.92f, 1.08f), rng.NextFloat(0.9f, 1.1f)];
            using var castFilter = SKColorFilter.CreateColorMatrix(
            [
                cast[0], 0, 0, 0, 0,
                0, cast[1], 0, 0, 0,
                0, 0, cast[2], 0, 0,
                0, 0, 0, 1, 0,
            ]);
            using (var layer = new SKPaint { ColorFilter = castFilter })
            {
                canvas.SaveLayer(layer);
            }

            SKColor[] backgrounds = [new(190, 188, 184), new(210, 194, 168), new(184, 194, 210), new(168, 172, 160), new(226, 222, 214)];
            canvas.Clear(Jitter(backgrounds[rng.NextInt(backgrounds.Length)], 10, ref rng));

            using var path = GarmentShapes.GarmentPath(look.Garments[garment], ref rng);
            var bounds = path.Bounds;
            var fill = rng.NextFloat(0.72f, 0.86f);
            var scale = fill * PhotoSide / MathF.Max(bounds.Width, bounds.Height);
            canvas.Save();
            canvas.Translate(PhotoSide / 2f + rng.NextFloat(-4, 4), PhotoSide / 2f + rng.NextFloat(-4, 4));
            canvas.RotateDegrees(rng.NextFloat(-6, 6));
            canvas.Scale(scale);
            canvas.Translate(-bounds.MidX, -bounds.MidY);
            using (var shadow = new SKPaint { Color = new SKColor(0, 0, 0, 32), IsAntialias = true })
            {
                canvas.Save();
                canvas.Translate(1.2f, 1.5f);
                canvas.DrawPath(path, shadow);
                canvas.Restore();
            }

            PaintGarment(canvas, path, look, garment, print, ref rng);
            canvas.Restore();
            canvas.Restore();

            // Light falling off towards the bottom, then sensor noise.
            var falloff = (byte)rng.NextInt(40);
            using (var shade = new SKPaint())
            {
                shade.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, PhotoSide),
                    [SKColors.Transparent, new SKColor(0, 0, 0, falloff)], SKShaderTileMode.Clamp);
                canvas.DrawRect(0, 0, PhotoSide, PhotoSide, shade);
            }

            using var grain = new SKPaint { BlendMode = SKBlendMode.Overlay };
            canvas.DrawImage(Noise.Value, -rng.NextInt(Noise.Value.Width - PhotoSide), -rng.NextInt(Noise.Value.Height - PhotoSide), new SKSamplingOptions(SKFilterMode.Nearest), grain);
        }

        return Unpremultiplied(surface);
    }

    /// <summary>Grey sensor noise around mid-grey (overlay-neutral), made once from a fixed seed.</summary>
    private static readonly Lazy<SKImage> Noise = new(() =>
    {
        const int side = 256;
        var rng = new SplitMix(0, 0, 99);
        var pixels = new byte[side * side * 4];
        for (var i = 0; i < side * side; i++)
        {
            var bits = rng.NextULong();
            for (var c = 0; c < 3; c++)
            {
                pixels[i * 4 + c] = (byte)(128 - 6 + (int)((bits >> (c * 16)) & 0xFFFF) * 13 / 65536);
            }

            pixels[i * 4 + 3] = 255;
        }

        return SKImage.FromPixelCopy(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul), pixels);
    });

    private static void DrawBody(SKCanvas canvas, Look look, ref SplitMix rng)
    {
        var skin = SkinTones[rng.NextInt(SkinTones.Length)];
        using var paint = new SKPaint { Color = skin, IsAntialias = true, StrokeCap = SKStrokeCap.Round };
        canvas.DrawCircle(0, 12, 8, paint);
        canvas.DrawRect(-3, 18, 6, 8, paint);
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = 5;
        canvas.DrawLine(-15, 27, -21, 61, paint);
        canvas.DrawLine(15, 27, 21, 61, paint);
        paint.StrokeWidth = 7;
        canvas.DrawLine(-6, 64, -8, 118, paint);
        canvas.DrawLine(6, 64, 8, 118, paint);

        using var hair = new SKPaint { Color = HairTones[rng.NextInt(HairTones.Length)], IsAntialias = true };
        var longHair = look.Gender == Gender.Women && rng.Chance(0.7);
        canvas.DrawArc(new SKRect(-8.5f, 3.5f, 8.5f, 20), 180, 180, useCenter: true, hair);
        if (longHair)
        {
            canvas.DrawRect(-9, 10, 3, 16, hair);
            canvas.DrawRect(6, 10, 3, 16, hair);
        }
    }

    private static void DrawGarment(SKCanvas canvas, Look look, int garment, GarmentPrint print, ref SplitMix rng)
    {
        using var path = GarmentShapes.GarmentPath(look.Garments[garment], ref rng);
        PaintGarment(canvas, path, look, garment, print, ref rng);
    }

    private static void PaintGarment(SKCanvas canvas, SKPath path, Look look, int garment, GarmentPrint print, ref SplitMix rng)
    {
        var item = look.Garments[garment];
        var colour = Jitter(StyleColourSwatches.Of(item.Colour), 12, ref rng);
        using (var fill = new SKPaint { Color = colour, IsAntialias = true })
        {
            canvas.DrawPath(path, fill);
        }

        if (print != GarmentPrint.Plain)
        {
            canvas.Save();
            canvas.ClipPath(path, SKClipOperation.Intersect, antialias: true);
            DrawPrint(canvas, path.Bounds, print, colour, Accent(look, item.Colour, colour, ref rng), ref rng);
            canvas.Restore();
        }

        DrawDetails(canvas, item, path.Bounds, colour);
        using var outline = new SKPaint { Color = Shade(colour, 0.7f).WithAlpha(160), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.8f };
        canvas.DrawPath(path, outline);
    }

    /// <summary>The print's second colour: another colour of the palette when there is one, else a contrast.</summary>
    private static SKColor Accent(Look look, Colour own, SKColor colour, ref SplitMix rng)
    {
        foreach (var entry in look.Palette)
        {
            if (entry.Colour != own && rng.Chance(0.7))
            {
                return Jitter(StyleColourSwatches.Of(entry.Colour), 12, ref rng);
            }
        }

        var luma = 0.299f * colour.Red + 0.587f * colour.Green + 0.114f * colour.Blue;
        return luma > 128 ? new SKColor(30, 30, 34) : new SKColor(240, 238, 232);
    }

    private static void DrawPrint(SKCanvas canvas, SKRect area, GarmentPrint print, SKColor colour, SKColor accent, ref SplitMix rng)
    {
        using var paint = new SKPaint { Color = accent, IsAntialias = true };
        switch (print)
        {
            case GarmentPrint.Stripe:
            {
                var period = rng.NextFloat(4.5f, 8f);
                var width = period * rng.NextFloat(0.35f, 0.55f);
                var vertical = rng.Chance(0.25);
                for (var t = (vertical ? area.Left : area.Top) + rng.NextFloat(0, period); t < (vertical ? area.Right : area.Bottom); t += period)
                {
                    canvas.DrawRect(vertical ? new SKRect(t, area.Top, t + width, area.Bottom) : new SKRect(area.Left, t, area.Right, t + width), paint);
                }

                break;
            }

            case GarmentPrint.Check:
            {
                var period = rng.NextFloat(6f, 10f);
                var width = period * 0.4f;
                paint.Color = accent.WithAlpha(130);
                for (var y = area.Top; y < area.Bottom; y += period)
                {
                    canvas.DrawRect(new SKRect(area.Left, y, area.Right, y + width), paint);
                }

                for (var x = area.Left; x < area.Right; x += period)
                {
                    canvas.DrawRect(new SKRect(x, area.Top, x + width, area.Bottom), paint);
                }

                paint.Color = Shade(colour, 0.5f).WithAlpha(160);
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = 0.6f;
                for (var y = area.Top + period * 0.7f; y < area.Bottom; y += period)
                {
                    canvas.DrawLine(area.Left, y, area.Right, y, paint);
                }

                break;
            }

            case GarmentPrint.Dot:
            {
                var period = rng.NextFloat(4.5f, 7f);
                var radius = period * rng.NextFloat(0.18f, 0.28f);
                var row = 0;
                for (var y = area.Top; y < area.Bottom + period; y += period, row++)
                {
                    for (var x = area.Left + (row % 2) * period / 2; x < area.Right + period; x += period)
                    {
                        canvas.DrawCircle(x, y, radius, paint);
                    }
                }

                break;
            }

            case GarmentPrint.Floral:
            {
                var count = (int)(area.Width * area.Height / 45f);
                using var centre = new SKPaint { Color = new SKColor(246, 214, 60), IsAntialias = true };
                SKColor[] petals = [accent, new(232, 90, 120), new(250, 246, 240), new(200, 60, 70)];
                for (var i = 0; i < count; i++)
                {
                    var x = rng.NextFloat(area.Left, area.Right);
                    var y = rng.NextFloat(area.Top, area.Bottom);
                    paint.Color = petals[rng.NextInt(petals.Length)];
                    for (var k = 0; k < 5; k++)
                    {
                        var a = k * MathF.Tau / 5;
                        canvas.DrawCircle(x + 1.7f * MathF.Cos(a), y + 1.7f * MathF.Sin(a), 1.2f, paint);
                    }

                    canvas.DrawCircle(x, y, 0.8f, centre);
                }

                break;
            }

            case GarmentPrint.Camouflage:
            {
                var count = (int)(area.Width * area.Height / 30f);
                for (var i = 0; i < count; i++)
                {
                    paint.Color = Jitter(StyleColourSwatches.Of(CamouflageColours[rng.NextInt(CamouflageColours.Length)]), 10, ref rng);
                    var centre = new SKPoint(rng.NextFloat(area.Left, area.Right), rng.NextFloat(area.Top, area.Bottom));
                    canvas.DrawOval(centre, new SKSize(rng.NextFloat(2.5f, 6f), rng.NextFloat(1.5f, 4f)), paint);
                }

                break;
            }

            case GarmentPrint.Animal:
            {
                var count = (int)(area.Width * area.Height / 14f);
                paint.Color = new SKColor(60, 38, 22);
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = 0.9f;
                for (var i = 0; i < count; i++)
                {
                    var centre = new SKPoint(rng.NextFloat(area.Left, area.Right), rng.NextFloat(area.Top, area.Bottom));
                    canvas.DrawOval(centre, new SKSize(rng.NextFloat(0.9f, 1.8f), rng.NextFloat(0.7f, 1.4f)), paint);
                }

                break;
            }

            case GarmentPrint.Graphic:
            {
                var cx = area.MidX;
                var cy = area.Top + area.Height * 0.35f;
                var size = MathF.Min(area.Width, area.Height) * rng.NextFloat(0.18f, 0.3f);
                switch (rng.NextInt(3))
                {
                    case 0:
                        canvas.DrawCircle(cx, cy, size, paint);
                        break;
                    case 1:
                        canvas.DrawRect(cx - size, cy - size * 0.7f, size * 2, size * 1.4f, paint);
                        break;
                    default:
                        using (var starBuilder = new SKPathBuilder())
                        {
                            for (var k = 0; k < 10; k++)
                            {
                                var r = k % 2 == 0 ? size : size * 0.45f;
                                var a = -MathF.PI / 2 + k * MathF.PI / 5;
                                var point = new SKPoint(cx + r * MathF.Cos(a), cy + r * MathF.Sin(a));
                                if (k == 0)
                                {
                                    starBuilder.MoveTo(point);
                                }
                                else
                                {
                                    starBuilder.LineTo(point);
                                }
                            }

                            starBuilder.Close();
                            using var star = starBuilder.Detach();
                            canvas.DrawPath(star, paint);
                        }

                        break;
                }

                // A line of "lettering" under the graphic.
                var letters = 3 + rng.NextInt(4);
                for (var k = 0; k < letters; k++)
                {
                    canvas.DrawRect(cx - letters * 1.6f + k * 3.2f, cy + size + 2, 2.2f, 2.6f, paint);
                }

                break;
            }
        }
    }

    private static void DrawDetails(SKCanvas canvas, Garment garment, SKRect area, SKColor colour)
    {
        using var paint = new SKPaint { Color = Shade(colour, 0.6f).WithAlpha(150), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.7f };
        switch (garment.Category)
        {
            case "padding":
                for (var y = area.Top + 6; y < area.Bottom - 1; y += 6)
                {
                    canvas.DrawLine(area.Left, y, area.Right, y, paint);
                }

                break;
            case "zip-up":
                canvas.DrawLine(area.MidX, area.Top + 2, area.MidX, area.Bottom, paint);
                break;
            case "knitwear" or "jumper":
                for (var k = 0; k < 3; k++)
                {
                    canvas.DrawLine(area.Left + 4, area.Bottom - 1.5f - k * 1.2f, area.Right - 4, area.Bottom - 1.5f - k * 1.2f, paint);
                }

                break;
            case "jeans":
                paint.Color = Shade(colour, 1.5f).WithAlpha(140);
                canvas.DrawLine(area.MidX - 6, area.Top + 2, area.MidX - 7, area.Bottom, paint);
                canvas.DrawLine(area.MidX + 6, area.Top + 2, area.MidX + 7, area.Bottom, paint);
                break;
            case "shirt" or "blouse":
                canvas.DrawLine(area.MidX - 4, area.Top, area.MidX, area.Top + 4, paint);
                canvas.DrawLine(area.MidX + 4, area.Top, area.MidX, area.Top + 4, paint);
                canvas.DrawLine(area.MidX, area.Top + 4, area.MidX, area.Top + 30, paint);
                break;
        }
    }

    private static SKBitmap Unpremultiplied(SKBitmap premultiplied)
    {
        var result = new SKBitmap(new SKImageInfo(premultiplied.Width, premultiplied.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var pixmap = premultiplied.PeekPixels();
        if (!pixmap.ReadPixels(result.Info, result.GetPixels(), result.RowBytes, 0, 0))
        {
            result.Dispose();
            throw new InvalidOperationException("Could not convert a rendered picture to unpremultiplied pixels.");
        }

        return result;
    }

    private static SKColor Jitter(SKColor colour, float amount, ref SplitMix rng) => new(
        Byte(colour.Red + rng.NextFloat(-amount, amount)),
        Byte(colour.Green + rng.NextFloat(-amount, amount)),
        Byte(colour.Blue + rng.NextFloat(-amount, amount)));

    private static SKColor Shade(SKColor colour, float factor) =>
        new(Byte(colour.Red * factor), Byte(colour.Green * factor), Byte(colour.Blue * factor), colour.Alpha);

    private static byte Byte(float value) => (byte)Math.Clamp(MathF.Round(value), 0, 255);
}
