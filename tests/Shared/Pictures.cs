using System.Net.Http.Headers;
using SkiaSharp;

namespace OtMz.Tests;

/// <summary>Pictures made for the upload tests (API and browser): product-style garments on plain backgrounds, and broken files.</summary>
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
}
