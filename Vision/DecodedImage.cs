using SkiaSharp;

namespace OtMz.Vision;

/// <summary>
/// A decoded picture, upright (EXIF orientation applied), as unpremultiplied RGBA8888 pixels, possibly reduced from
/// the source size for analysis. Owns its bitmap.
/// </summary>
public sealed class DecodedImage : IDisposable
{
    public DecodedImage(SKBitmap bitmap, int sourceWidth, int sourceHeight, SKEncodedImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.ColorType != SKColorType.Rgba8888 || bitmap.AlphaType != SKAlphaType.Unpremul)
        {
            throw new ArgumentException("A decoded image holds unpremultiplied RGBA8888 pixels.", nameof(bitmap));
        }

        Bitmap = bitmap;
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        Format = format;
    }

    /// <summary>The pixels: <see cref="Width"/> x <see cref="Height"/>, RGBA8888, unpremultiplied, upright.</summary>
    public SKBitmap Bitmap { get; }

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    /// <summary>The upright size of the encoded picture before any reduction.</summary>
    public int SourceWidth { get; }

    public int SourceHeight { get; }

    public SKEncodedImageFormat Format { get; }

    /// <summary>The pixels as bytes R, G, B, A, row after row (no padding: the row bytes are Width * 4).</summary>
    public ReadOnlySpan<byte> Pixels => Bitmap.GetPixelSpan();

    public void Dispose() => Bitmap.Dispose();
}
