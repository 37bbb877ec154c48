using SkiaSharp;

namespace OtMz.VisionTests;

/// <summary>The remover says when it does not trust its cutout, and names why; a clean product photo is trusted.</summary>
public class CutoutConfidenceTests
{
    private const int Width = 400;
    private const int Height = 480;

    private static readonly PlainBackgroundRemover Remover = new();

    [Fact]
    public void ACleanProductPhotoIsTrusted()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Striped, TestImages.Red, TestImages.Navy, TestImages.White, noise: 8);

        var mask = Remove(bitmap);

        Assert.True(mask.Confidence >= 0.9f, $"confidence {mask.Confidence} ({mask.Doubt})");
        Assert.False(mask.Uncertain);
        Assert.Equal(CutoutDoubt.None, mask.Doubt);
    }

    [Fact]
    public void ABusyPhotoHasNoCutoutAndSaysSo()
    {
        using var bitmap = TestImages.BusyScene(Width, Height);

        var mask = Remove(bitmap);

        Assert.Equal(1.0, mask.Coverage);
        Assert.Equal(0f, mask.Confidence);
        Assert.True(mask.Uncertain);
        Assert.Equal(CutoutDoubt.NoSeparation, mask.Doubt);
    }

    [Fact]
    public void ASliverOfAGarmentIsUncertain()
    {
        using var bitmap = Drawn(TestImages.White, (SKRectI.Create(180, 220, 40, 40), TestImages.Navy));

        var mask = Remove(bitmap);

        Assert.True(mask.Uncertain);
        Assert.Equal(CutoutDoubt.SmallGarment, mask.Doubt);
    }

    [Fact]
    public void AGarmentRunningOffTwoEdgesIsUncertain()
    {
        using var bitmap = Drawn(TestImages.Beige, (SKRectI.Create(0, 280, 300, Height - 280), TestImages.Navy));

        var mask = Remove(bitmap);

        Assert.True(mask.Uncertain);
        Assert.Equal(CutoutDoubt.CroppedByBorder, mask.Doubt);
    }

    [Fact]
    public void PiecesScatteredOverThePictureAreUncertain()
    {
        using var bitmap = Drawn(TestImages.White,
            (SKRectI.Create(40, 40, 90, 90), TestImages.Navy), (SKRectI.Create(270, 40, 90, 90), TestImages.Red),
            (SKRectI.Create(40, 340, 90, 90), TestImages.Green), (SKRectI.Create(270, 340, 90, 90), TestImages.Navy));

        var mask = Remove(bitmap);

        Assert.True(mask.Uncertain);
        Assert.Equal(CutoutDoubt.Fragmented, mask.Doubt);
    }

    [Fact]
    public void AnOffWhiteShirtOnWhiteIsUncertain()
    {
        // About 3 ΔE*ab apart: within what JPEG and sensor noise blur, so the colour test cannot find the outline.
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, new SKColor(244, 243, 240), new SKColor(244, 243, 240), TestImages.White, noise: 2);

        var mask = Remove(bitmap);

        Assert.True(mask.Uncertain, $"confidence {mask.Confidence} ({mask.Doubt})");
    }

    [Fact]
    public void ShapeCriteriaJudgeAnyMask()
    {
        var whole = new byte[100 * 100];
        for (var y = 20; y < 80; y++)
        {
            whole.AsSpan(y * 100 + 30, 40).Fill(255);
        }

        var pair = new byte[100 * 100];
        for (var y = 40; y < 60; y++)
        {
            pair.AsSpan(y * 100 + 10, 20).Fill(255);
            pair.AsSpan(y * 100 + 70, 20).Fill(255);
        }

        Assert.Equal((1f, CutoutDoubt.None), CutoutConfidence.OfShape(whole, 100, 100));
        Assert.Equal(1f, CutoutConfidence.OfShape(pair, 100, 100).Confidence);
        Assert.Equal(CutoutDoubt.SmallGarment, CutoutConfidence.OfShape(new byte[100 * 100], 100, 100).Doubt);
    }

    [Fact]
    public void AMaskRefusesAConfidenceOutsideZeroToOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ForegroundMask(1, 1, [255], 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ForegroundMask(1, 1, [255], float.NaN));
    }

    private static ForegroundMask Remove(SKBitmap bitmap)
    {
        using var image = TestImages.Decoded(bitmap);
        return Remover.Remove(image);
    }

    private static SKBitmap Drawn(SKColor backdrop, params (SKRectI Rect, SKColor Colour)[] parts)
    {
        var bitmap = TestImages.NewBitmap(Width, Height);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint();
        canvas.Clear(backdrop);
        foreach (var (rect, colour) in parts)
        {
            paint.Color = colour;
            canvas.DrawRect(rect, paint);
        }

        return bitmap;
    }
}
