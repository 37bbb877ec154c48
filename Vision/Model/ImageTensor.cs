using SkiaSharp;

namespace OtMz.Vision.Model;

/// <summary>
/// Turns a picture into the planar float layout models read (C x H x W, RGB). The style model and the trainer both
/// go through here, so a model is trained on exactly what it is served.
/// </summary>
internal static class ImageTensor
{
    private static readonly float[][] StyleLookup = BuildStyleLookup();

    /// <summary>Letterboxes into H x W over the contract's fill and normalises with the ImageNet mean and std.</summary>
    public static void WriteStyleInput(SKBitmap source, Span<float> destination, int height, int width)
    {
        var fill = StyleModelContract.LetterboxFill;
        Write(source, destination, height, width, letterbox: true, new SKColor(fill.R, fill.G, fill.B), StyleLookup);
    }

    /// <summary>Stretches into H x W over white and scales to [0, 1] (the segmentation contract).</summary>
    public static void WriteUnitInput(SKBitmap source, Span<float> destination, int height, int width) =>
        Write(source, destination, height, width, letterbox: false, SKColors.White, UnitLookup);

    private static void Write(
        SKBitmap source, Span<float> destination, int height, int width, bool letterbox, SKColor fill, float[][] lookup)
    {
        ArgumentNullException.ThrowIfNull(source);
        var plane = height * width;
        if (destination.Length < 3 * plane)
        {
            throw new ArgumentException($"A 3x{height}x{width} tensor needs {3 * plane} floats; got {destination.Length}.", nameof(destination));
        }

        if (source.Width == width && source.Height == height && source.ColorType == SKColorType.Rgba8888)
        {
            Planarise(source.GetPixelSpan(), source.AlphaType == SKAlphaType.Unpremul, destination, plane, fill, lookup);
            return;
        }

        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(fill);
            var scaleX = (float)width / source.Width;
            var scaleY = (float)height / source.Height;
            SKRect rect;
            if (letterbox)
            {
                var scale = MathF.Min(scaleX, scaleY);
                var w = MathF.Round(source.Width * scale);
                var h = MathF.Round(source.Height * scale);
                var left = MathF.Floor((width - w) / 2);
                var top = MathF.Floor((height - h) / 2);
                rect = SKRect.Create(left, top, w, h);
            }
            else
            {
                rect = SKRect.Create(0, 0, width, height);
            }

            // Mipmaps only pay off when shrinking by more than half; building them costs more than the draw.
            var shrink = MathF.Min(rect.Width / source.Width, rect.Height / source.Height);
            var sampling = new SKSamplingOptions(SKFilterMode.Linear, shrink < 0.5f ? SKMipmapMode.Linear : SKMipmapMode.None);
            canvas.DrawBitmap(source, rect, sampling, null);
        }

        // Cleared to an opaque fill and drawn over, every pixel is opaque: premultiplied bytes equal straight ones.
        Planarise(target.GetPixelSpan(), unpremul: true, destination, plane, fill, lookup);
    }

    private static void Planarise(ReadOnlySpan<byte> rgba, bool unpremul, Span<float> destination, int plane, SKColor fill, float[][] lookup)
    {
        var r = destination[..plane];
        var g = destination.Slice(plane, plane);
        var b = destination.Slice(2 * plane, plane);
        var (lr, lg, lb) = (lookup[0], lookup[1], lookup[2]);
        for (var i = 0; i < plane; i++)
        {
            var p = i * 4;
            var a = rgba[p + 3];
            if (a == 255)
            {
                r[i] = lr[rgba[p]];
                g[i] = lg[rgba[p + 1]];
                b[i] = lb[rgba[p + 2]];
            }
            else
            {
                r[i] = lr[Over(rgba[p], a, fill.Red, unpremul)];
                g[i] = lg[Over(rgba[p + 1], a, fill.Green, unpremul)];
                b[i] = lb[Over(rgba[p + 2], a, fill.Blue, unpremul)];
            }
        }
    }

    private static byte Over(byte colour, byte alpha, byte fill, bool unpremul)
    {
        var own = unpremul ? colour * alpha / 255f : colour;
        return (byte)Math.Clamp(MathF.Round(own + fill * (255 - alpha) / 255f), 0, 255);
    }

    private static float[][] BuildStyleLookup()
    {
        var mean = StyleModelContract.Mean;
        var std = StyleModelContract.Std;
        var lookup = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            lookup[c] = new float[256];
            for (var v = 0; v < 256; v++)
            {
                lookup[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }

        return lookup;
    }

    private static readonly float[][] UnitLookup =
    [
        .. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 256).Select(v => v / 255f).ToArray()),
    ];
}
