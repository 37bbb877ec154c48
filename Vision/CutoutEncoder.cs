using SkiaSharp;

namespace OtMz.Vision;

/// <summary>
/// Writes a garment cutout: the decoded picture as an RGBA PNG whose alpha is the picture's own alpha times the
/// foreground mask, so the backdrop is transparent and the feathered edge blends onto any background.
/// </summary>
public static class CutoutEncoder
{
    /// <summary>
    /// Encodes the cutout. With <paramref name="crop"/>, the PNG covers only the mask's bounding box plus a margin of
    /// 2 % of the picture's longer side (at least 2 pixels), clipped to the picture (see <see cref="CropRect"/>);
    /// a mask with no foreground keeps the full frame. Fully transparent pixels are written as transparent black.
    /// </summary>
    public static byte[] EncodePng(DecodedImage image, ForegroundMask mask, bool crop = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Width != image.Width || mask.Height != image.Height)
        {
            throw new ArgumentException(
                $"The mask is {mask.Width}x{mask.Height}; the image is {image.Width}x{image.Height}.", nameof(mask));
        }

        var rect = crop ? CropRect(mask) : new SKRectI(0, 0, image.Width, image.Height);
        var info = new SKImageInfo(rect.Width, rect.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul, SKColorSpace.CreateSrgb());
        using var bitmap = new SKBitmap(info);
        var cutout = bitmap.GetPixelSpan();
        cutout.Clear();
        var pixels = image.Pixels;
        var alpha = mask.Alpha;
        for (var y = 0; y < rect.Height; y++)
        {
            var sourceRow = (rect.Top + y) * image.Width + rect.Left;
            for (var x = 0; x < rect.Width; x++)
            {
                var s = sourceRow + x;
                var a = (pixels[s * 4 + 3] * alpha[s] + 127) / 255;
                if (a == 0)
                {
                    continue;
                }

                var t = (y * rect.Width + x) * 4;
                cutout[t] = pixels[s * 4];
                cutout[t + 1] = pixels[s * 4 + 1];
                cutout[t + 2] = pixels[s * 4 + 2];
                cutout[t + 3] = (byte)a;
            }
        }

        using var pixmap = bitmap.PeekPixels();
        using var png = pixmap.Encode(SKPngEncoderOptions.Default)
            ?? throw new InvalidOperationException("Skia could not encode the cutout as PNG.");
        return png.ToArray();
    }

    /// <summary>
    /// The region <see cref="EncodePng"/> keeps when cropping: the bounding box of every pixel with any opacity in
    /// the mask, grown by the margin and clipped to the picture; the whole picture when the mask is empty.
    /// </summary>
    public static SKRectI CropRect(ForegroundMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int left = mask.Width, top = mask.Height, right = -1, bottom = -1;
        var alpha = mask.Alpha;
        for (var y = 0; y < mask.Height; y++)
        {
            var row = alpha.AsSpan(y * mask.Width, mask.Width);
            var first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            var last = row.LastIndexOfAnyExcept((byte)0);
            left = Math.Min(left, first);
            right = Math.Max(right, last);
            top = Math.Min(top, y);
            bottom = y;
        }

        if (right < 0)
        {
            return new SKRectI(0, 0, mask.Width, mask.Height);
        }

        var margin = Math.Max(2, (int)MathF.Round(0.02f * Math.Max(mask.Width, mask.Height)));
        return new SKRectI(
            Math.Max(0, left - margin),
            Math.Max(0, top - margin),
            Math.Min(mask.Width, right + 1 + margin),
            Math.Min(mask.Height, bottom + 1 + margin));
    }
}
