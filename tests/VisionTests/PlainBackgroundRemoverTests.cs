using SkiaSharp;

namespace OtMz.VisionTests;

public class PlainBackgroundRemoverTests
{
    private const int Width = 400;
    private const int Height = 480;

    private static readonly PlainBackgroundRemover Remover = new();

    public static TheoryData<GarmentPattern, int> Garments => new()
    {
        { GarmentPattern.Solid, 0 },
        { GarmentPattern.Striped, 0 },
        { GarmentPattern.Checked, 0 },
        { GarmentPattern.Solid, 24 },
        { GarmentPattern.Striped, 24 },
        { GarmentPattern.Checked, 24 },
    };

    [Theory]
    [MemberData(nameof(Garments))]
    public void TheMaskMatchesTheGarmentOnAPlainOrNoisyWhiteBackdrop(GarmentPattern pattern, int noise)
    {
        using var bitmap = TestImages.Garment(Width, Height, pattern, TestImages.Red, TestImages.Navy, TestImages.White, noise);

        var iou = IoU(bitmap);

        Assert.True(iou >= 0.9, $"IoU {iou:F3}");
    }

    [Theory]
    [MemberData(nameof(Garments))]
    public void TheMaskMatchesTheGarmentOnAColouredBackdrop(GarmentPattern pattern, int noise)
    {
        using var bitmap = TestImages.Garment(Width, Height, pattern, TestImages.Green, TestImages.Yellow, TestImages.Beige, noise);

        var iou = IoU(bitmap);

        Assert.True(iou >= 0.9, $"IoU {iou:F3}");
    }

    [Fact]
    public void AGarmentOnAVignettedGradientBackdropIsStillSeparated()
    {
        using var bitmap = TestImages.NewBitmap(Width, Height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        using (var path = TestImages.TShirt(Width, Height))
        {
            // A lit sweep: bright in the middle, darker towards the corners and the bottom.
            paint.Shader = SKShader.CreateRadialGradient(
                new SKPoint(Width * 0.5f, Height * 0.4f), Width * 0.9f, [new SKColor(250, 250, 250), new SKColor(200, 200, 205)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, Height, paint);
            paint.Shader = null;
            paint.IsAntialias = true;
            paint.Color = TestImages.Navy;
            canvas.DrawPath(path, paint);
        }

        var iou = IoU(bitmap);

        Assert.True(iou >= 0.9, $"IoU {iou:F3}");
    }

    [Fact]
    public void AGarmentRunningOffTheBottomEdgeIsStillSeparated()
    {
        using var bitmap = TestImages.NewBitmap(Width, Height);
        var skirt = SKRectI.Create(120, 200, 160, Height - 200);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = TestImages.Navy })
        {
            canvas.Clear(TestImages.Beige);
            canvas.DrawRect(skirt, paint);
        }

        TestImages.AddNoise(bitmap, 12, seed: 5);
        using var image = TestImages.Decoded(bitmap);
        var shape = new bool[Width * Height];
        for (var y = skirt.Top; y < skirt.Bottom; y++)
        {
            shape.AsSpan(y * Width + skirt.Left, skirt.Width).Fill(true);
        }

        var iou = IoU(Remover.Remove(image), shape);

        Assert.True(iou >= 0.9, $"IoU {iou:F3}");
    }

    [Fact]
    public void AGarmentWithABackdropColouredPatchInsideStaysWhole()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White, noise: 10);
        var patch = SKRectI.Create((int)(Width * 0.42), (int)(Height * 0.45), (int)(Width * 0.16), (int)(Height * 0.12));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = TestImages.White })
        {
            canvas.DrawRect(patch, paint);
        }

        using var image = TestImages.Decoded(bitmap);
        var mask = Remover.Remove(image);

        for (var y = patch.Top; y < patch.Bottom; y++)
        {
            for (var x = patch.Left; x < patch.Right; x++)
            {
                Assert.Equal(255, mask.Alpha[y * Width + x]);
            }
        }

        Assert.True(IoU(mask, TestImages.TShirtShape(Width, Height)) >= 0.9);
    }

    [Fact]
    public void SpecksOnTheBackdropAreNotForeground()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Black })
        {
            canvas.DrawRect(10, 200, 4, 4, paint);
            canvas.DrawRect(380, 40, 5, 3, paint);
        }

        using var image = TestImages.Decoded(bitmap);
        var mask = Remover.Remove(image);

        Assert.Equal(0, mask.Alpha[201 * Width + 11]);
        Assert.Equal(0, mask.Alpha[41 * Width + 382]);
    }

    [Fact]
    public void TheEdgeIsFeatheredButTheInsideIsOpaqueAndTheBackdropClear()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White);
        using var image = TestImages.Decoded(bitmap);

        var mask = Remover.Remove(image);

        Assert.Equal(255, mask.Alpha[(Height / 2) * Width + Width / 2]);
        Assert.Equal(0, mask.Alpha[5 * Width + 5]);
        var soft = 0;
        foreach (var a in mask.Alpha)
        {
            if (a is > 0 and < 255)
            {
                soft++;
            }
        }

        Assert.True(soft > 0, "No soft edge.");
        Assert.True(soft < 0.05 * mask.Alpha.Length, $"{soft} soft pixels: the feather is wider than a few pixels.");
    }

    [Fact]
    public void ABusyPhotoFallsBackToAFullMask()
    {
        using var bitmap = TestImages.BusyScene(Width, Height);
        using var image = TestImages.Decoded(bitmap);

        var mask = Remover.Remove(image);

        Assert.Equal(1.0, mask.Coverage);
    }

    [Fact]
    public void APictureOfOnlyBackdropFallsBackToAFullMask()
    {
        using var bitmap = TestImages.NewBitmap(200, 200);
        bitmap.Erase(TestImages.Beige);
        TestImages.AddNoise(bitmap, 12, seed: 3);
        using var image = TestImages.Decoded(bitmap);

        Assert.Equal(1.0, Remover.Remove(image).Coverage);
    }

    [Fact]
    public void AnAlreadyTransparentBackgroundIsKept()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = TestImages.Red })
        using (var path = TestImages.TShirt(Width, Height))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.DrawPath(path, paint);
        }

        using var image = TestImages.Decoded(bitmap);

        Assert.True(IoU(Remover.Remove(image), TestImages.TShirtShape(Width, Height)) >= 0.98);
    }

    [Fact]
    public void TheNameIdentifiesTheAlgorithm()
    {
        Assert.Equal("plain-background", Remover.Name);
    }

    private static double IoU(SKBitmap bitmap)
    {
        using var image = TestImages.Decoded(bitmap);
        return IoU(Remover.Remove(image), TestImages.TShirtShape(bitmap.Width, bitmap.Height));
    }

    internal static double IoU(ForegroundMask mask, bool[] shape)
    {
        int both = 0, either = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            var inMask = mask.Alpha[i] >= 128;
            both += inMask && shape[i] ? 1 : 0;
            either += inMask || shape[i] ? 1 : 0;
        }

        return (double)both / either;
    }
}
