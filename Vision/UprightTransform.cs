using System.Diagnostics;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace OtMz.Vision;

/// <summary>
/// Turns pixels stored in an EXIF orientation into upright pixels. The eight origins are exact pixel moves (mirror,
/// transpose, quarter turns), so they are done as index arithmetic rather than a resampling canvas draw.
/// </summary>
internal static class UprightTransform
{
    /// <summary>True for the four origins that store the picture on its side (width and height swap).</summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom
            or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// The upright copy of <paramref name="stored"/> (a 32-bit-per-pixel bitmap with no row padding), or
    /// <paramref name="stored"/> itself when it is already upright. The caller owns both.
    /// </summary>
    public static SKBitmap Apply(SKBitmap stored, SKEncodedOrigin origin)
    {
        // Top-left, and any value outside the eight EXIF orientations, is already upright.
        if (origin is not (>= SKEncodedOrigin.TopRight and <= SKEncodedOrigin.LeftBottom))
        {
            return stored;
        }

        var w = stored.Width;
        var h = stored.Height;
        var swap = SwapsAxes(origin);
        var upright = new SKBitmap(stored.Info.WithSize(swap ? h : w, swap ? w : h));
        var source = MemoryMarshal.Cast<byte, uint>(stored.GetPixelSpan());
        var target = MemoryMarshal.Cast<byte, uint>(upright.GetPixelSpan());
        var uw = upright.Width;
        var uh = upright.Height;

        // The stored pixel for upright (x, y) is at start + x * stepX + y * stepY: each origin is an affine index map.
        var (start, stepX, stepY) = origin switch
        {
            SKEncodedOrigin.TopRight => (w - 1, -1, w),
            SKEncodedOrigin.BottomRight => ((h - 1) * w + w - 1, -1, -w),
            SKEncodedOrigin.BottomLeft => ((h - 1) * w, 1, -w),
            SKEncodedOrigin.LeftTop => (0, w, 1),
            SKEncodedOrigin.RightTop => ((h - 1) * w, -w, 1),
            SKEncodedOrigin.RightBottom => ((h - 1) * w + w - 1, -w, -1),
            SKEncodedOrigin.LeftBottom => (w - 1, w, -1),
            _ => throw new UnreachableException(),
        };

        for (var y = 0; y < uh; y++)
        {
            var row = target.Slice(y * uw, uw);
            var index = start + y * stepY;
            for (var x = 0; x < uw; x++)
            {
                row[x] = source[index];
                index += stepX;
            }
        }

        return upright;
    }
}
