using System.Buffers.Binary;
using System.Net.Http.Headers;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>Pictures made for the upload tests: product-style garments on plain backgrounds, and broken files.</summary>
internal static class Pictures
{
    /// <summary>A T-shirt-like shape of <paramref name="garment"/> centred on <paramref name="background"/>.</summary>
    public static byte[] Garment(SKColor garment, SKColor background, int size = 400, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(background);
        using var paint = new SKPaint { Color = garment, IsAntialias = true };
        surface.Canvas.DrawPath(Shirt(size), paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 92);
        return data.ToArray();
    }

    /// <summary>The same shape on a fully transparent background: a cut-out PNG.</summary>
    public static byte[] TransparentGarment(SKColor garment, int size = 300)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { Color = garment, IsAntialias = true };
        surface.Canvas.DrawPath(Shirt(size), paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> x <paramref name="height"/> pixels and carries none.</summary>
    public static byte[] DimensionBomb(int width = 30_000, int height = 30_000)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 6;  // RGBA
        WriteChunk(stream, "IHDR", header);
        WriteChunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>The smallest GIF: a format the platform does not take.</summary>
    public static byte[] Gif() =>
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44,
        0x01, 0x00, 0x3B,
    ];

    public static byte[] Corrupt()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    public static MultipartFormDataContent Form(byte[] image, string fileName = "garment.png", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "image", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static SKBitmap Decode(byte[] bytes) => SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("not a picture");

    private static SKPath Shirt(int size)
    {
        float s = size;
        using var path = new SKPathBuilder();
        path.MoveTo(0.35f * s, 0.15f * s);
        path.LineTo(0.65f * s, 0.15f * s);
        path.LineTo(0.85f * s, 0.30f * s);
        path.LineTo(0.75f * s, 0.40f * s);
        path.LineTo(0.68f * s, 0.35f * s);
        path.LineTo(0.68f * s, 0.85f * s);
        path.LineTo(0.32f * s, 0.85f * s);
        path.LineTo(0.32f * s, 0.35f * s);
        path.LineTo(0.25f * s, 0.40f * s);
        path.LineTo(0.15f * s, 0.30f * s);
        path.Close();
        return path.Detach();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        stream.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        stream.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
