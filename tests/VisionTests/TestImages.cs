using System.Buffers.Binary;
using SkiaSharp;

namespace OtMz.VisionTests;

/// <summary>
/// Pictures for the vision tests, drawn with SkiaSharp so that the true garment outline is known exactly, plus the
/// malformed files (dimension bombs, truncations, unsupported formats, EXIF orientations) written byte by byte.
/// </summary>
internal static class TestImages
{
    public static readonly SKColor White = new(255, 255, 255);
    public static readonly SKColor Red = new(200, 30, 40);
    public static readonly SKColor Navy = new(25, 35, 80);
    public static readonly SKColor Green = new(40, 140, 60);
    public static readonly SKColor Beige = new(225, 205, 170);
    public static readonly SKColor Yellow = new(250, 215, 30);
    public static readonly SKColor MidGray = new(140, 140, 140);

    /// <summary>A T-shirt outline (body, sleeves, scooped neck) filling the middle of a width x height picture.</summary>
    public static SKPath TShirt(int width, int height)
    {
        using var path = new SKPathBuilder();
        SKPoint P(float x, float y) => new(x * width, y * height);
        path.MoveTo(P(0.40f, 0.14f));
        path.QuadTo(P(0.50f, 0.26f), P(0.60f, 0.14f));
        path.LineTo(P(0.73f, 0.18f));
        path.LineTo(P(0.89f, 0.36f));
        path.LineTo(P(0.80f, 0.45f));
        path.LineTo(P(0.71f, 0.37f));
        path.LineTo(P(0.71f, 0.88f));
        path.LineTo(P(0.29f, 0.88f));
        path.LineTo(P(0.29f, 0.37f));
        path.LineTo(P(0.20f, 0.45f));
        path.LineTo(P(0.11f, 0.36f));
        path.LineTo(P(0.27f, 0.18f));
        path.Close();
        return path.Detach();
    }

    /// <summary>Which pixels of a width x height picture the T-shirt covers (pixel centres inside the outline).</summary>
    public static bool[] TShirtShape(int width, int height)
    {
        using var path = TShirt(width, height);
        return OtMz.VisionTrainer.Cutouts.CutoutScenes.Coverage(path, width, height);
    }

    /// <summary>
    /// A T-shirt in <paramref name="pattern"/> (stripes and checks of <paramref name="period"/> pixels) on a plain
    /// backdrop; with <paramref name="noise"/> > 0 every channel of every pixel gets uniform noise of that amplitude
    /// (fixed seed). Opaque, RGBA8888.
    /// </summary>
    public static SKBitmap Garment(
        int width,
        int height,
        GarmentPattern pattern,
        SKColor primary,
        SKColor secondary,
        SKColor backdrop,
        int noise = 0,
        int period = 24)
    {
        var bitmap = NewBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var path = TShirt(width, height))
        using (var paint = new SKPaint { IsAntialias = true })
        {
            canvas.Clear(backdrop);
            canvas.Save();
            canvas.ClipPath(path, antialias: true);
            paint.Color = primary;
            canvas.DrawRect(0, 0, width, height, paint);
            paint.Color = secondary;
            paint.IsAntialias = false;
            for (var y = 0; y < height; y += period)
            {
                switch (pattern)
                {
                    case GarmentPattern.Striped:
                        canvas.DrawRect(0, y + period / 2, width, period / 2, paint);
                        break;
                    case GarmentPattern.Checked:
                        for (var x = (y / period % 2) * period; x < width; x += 2 * period)
                        {
                            canvas.DrawRect(x, y, period, period, paint);
                        }

                        break;
                }
            }

            canvas.Restore();
        }

        if (noise > 0)
        {
            AddNoise(bitmap, noise, seed: 7);
        }

        return bitmap;
    }

    /// <summary>A busy scene: hundreds of random coloured rectangles and circles edge to edge, a T-shirt on top.</summary>
    public static SKBitmap BusyScene(int width, int height)
    {
        var bitmap = NewBitmap(width, height);
        var random = new Random(11);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { IsAntialias = true })
        using (var path = TShirt(width, height))
        {
            canvas.Clear(SKColors.White);
            for (var n = 0; n < 400; n++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                var x = random.Next(-20, width);
                var y = random.Next(-20, height);
                var size = random.Next(10, 60);
                if (n % 2 == 0)
                {
                    canvas.DrawRect(x, y, size, size * 0.7f, paint);
                }
                else
                {
                    canvas.DrawCircle(x, y, size / 2f, paint);
                }
            }

            paint.Color = Red;
            canvas.DrawPath(path, paint);
        }

        return bitmap;
    }

    /// <summary>An opaque RGBA8888 bitmap ready to draw on.</summary>
    public static SKBitmap NewBitmap(int width, int height) =>
        new(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));

    public static void AddNoise(SKBitmap bitmap, int amplitude, int seed)
    {
        var random = new Random(seed);
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            for (var c = 0; c < 3; c++)
            {
                pixels[i + c] = (byte)Math.Clamp(pixels[i + c] + random.Next(-amplitude, amplitude + 1), 0, 255);
            }
        }
    }

    /// <summary>Wraps a copy of <paramref name="bitmap"/> as a <see cref="DecodedImage"/> (as the intake would give it).</summary>
    public static DecodedImage Decoded(SKBitmap bitmap)
    {
        var copy = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var source = bitmap.PeekPixels())
        {
            source.ReadPixels(copy.Info, copy.GetPixels(), copy.RowBytes);
        }

        return new DecodedImage(copy, bitmap.Width, bitmap.Height, SKEncodedImageFormat.Png);
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 95)
    {
        using var data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"Skia cannot encode {format}.");
        return data.ToArray();
    }

    /// <summary>
    /// A width x height picture split into four coloured quadrants (top-left red, top-right green, bottom-left blue,
    /// bottom-right yellow), so any flip or turn shows.
    /// </summary>
    public static SKBitmap Quadrants(int width, int height)
    {
        var bitmap = NewBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint();
        var (hw, hh) = (width / 2f, height / 2f);
        paint.Color = SKColors.Red;
        canvas.DrawRect(0, 0, hw, hh, paint);
        paint.Color = SKColors.Lime;
        canvas.DrawRect(hw, 0, hw, hh, paint);
        paint.Color = SKColors.Blue;
        canvas.DrawRect(0, hh, hw, hh, paint);
        paint.Color = SKColors.Yellow;
        canvas.DrawRect(hw, hh, hw, hh, paint);
        return bitmap;
    }

    /// <summary>
    /// <paramref name="jpeg"/> with an APP1 Exif segment spliced in after the SOI marker: a big-endian TIFF header and
    /// an IFD0 holding the single tag Orientation (0x0112, SHORT) = <paramref name="orientation"/>.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG (no SOI marker).", nameof(jpeg));
        }

        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // byte order, magic 42, IFD0 at offset 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, // tag Orientation, type SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00, // the value, left-justified in 4 bytes
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        var payload = new List<byte>();
        payload.AddRange("Exif\0\0"u8.ToArray());
        payload.AddRange(tiff);
        var segmentLength = payload.Count + 2;

        var result = new List<byte>(jpeg.Length + segmentLength + 2) { 0xFF, 0xD8, 0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength };
        result.AddRange(payload);
        result.AddRange(jpeg.AsSpan(2).ToArray());
        return [.. result];
    }

    /// <summary>A real small JPEG whose SOF0 frame header is patched to declare <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        using var bitmap = Quadrants(32, 32);
        var jpeg = Encode(bitmap, SKEncodedImageFormat.Jpeg, 90);
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0)
            {
                // FF C0, length (2), precision (1), height (2), width (2).
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), checked((ushort)height));
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), checked((ushort)width));
                return jpeg;
            }
        }

        throw new InvalidOperationException("Skia wrote no baseline SOF0 marker.");
    }


    /// <summary>A 2x2 24-bit Windows bitmap (file header, BITMAPINFOHEADER, two padded rows).</summary>
    public static byte[] Bmp()
    {
        const int RowBytes = 8;
        const int PixelOffset = 14 + 40;
        var bmp = new byte[PixelOffset + 2 * RowBytes];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), PixelOffset);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), 2 * RowBytes);
        bmp.AsSpan(PixelOffset).Fill(0x80);
        return bmp;
    }

    /// <summary>The start of an HEIC file: an ISO media "ftyp" box with the major brand "heic".</summary>
    public static byte[] HeicHeader() =>
        [0x00, 0x00, 0x00, 0x18, .. "ftypheic"u8, 0x00, 0x00, 0x00, 0x00, .. "mif1heic"u8, 0x00, 0x00, 0x00, 0x00];

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
