using SkiaSharp;

namespace OtMz.VisionTests;

public class ColourAnalyserTests
{
    private const int Width = 400;
    private const int Height = 480;

    private static readonly PlainBackgroundRemover Remover = new();

    private static float WeightOf(IEnumerable<PaletteEntry> palette, Colour colour) =>
        palette.FirstOrDefault(e => e.Colour == colour)?.Weight ?? 0f;

    [Fact]
    public void ARedGarmentOnWhiteIsRedOnceTheMaskLeavesTheBackdropOut()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White, noise: 12);
        using var image = TestImages.Decoded(bitmap);

        var palette = ColourAnalyser.Analyse(image, Remover.Remove(image));

        Assert.Equal(Colour.Red, palette[0].Colour);
        Assert.True(palette[0].Weight > 0.8f, $"red weighs {palette[0].Weight}");
        Assert.Equal(0f, WeightOf(palette, Colour.White));
    }

    [Fact]
    public void WithoutAMaskTheBackdropCountsToo()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White);
        using var image = TestImages.Decoded(bitmap);

        var palette = ColourAnalyser.Analyse(image);

        Assert.Equal(Colour.White, palette[0].Colour);
        Assert.InRange(WeightOf(palette, Colour.Red), 0.25f, 0.45f);
    }

    [Fact]
    public void ANavyAndWhiteStripedShirtHasBothColoursInTheStripesProportions()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Striped, TestImages.Navy, TestImages.White, TestImages.MidGray, noise: 12);
        var navyShare = ShareInsideShirt(bitmap, TestImages.Navy, TestImages.White);
        using var image = TestImages.Decoded(bitmap);

        var palette = ColourAnalyser.Analyse(image, Remover.Remove(image));

        Assert.Equal([Colour.White, Colour.Navy], palette.Select(e => e.Colour).Order());
        Assert.InRange(WeightOf(palette, Colour.Navy), navyShare - 0.08f, navyShare + 0.08f);
    }

    [Fact]
    public void AGreenGarmentOnBeigeIsGreenAndTheBeigeBackdropIsAbsent()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Green, TestImages.Green, TestImages.Beige, noise: 12);
        using var image = TestImages.Decoded(bitmap);

        var palette = ColourAnalyser.Analyse(image, Remover.Remove(image));

        Assert.Equal(Colour.Green, palette[0].Colour);
        Assert.Equal(0f, WeightOf(palette, Colour.Beige));
    }

    [Fact]
    public void WeightsSumToOneHeaviestFirstWithNoNameUnderThreePercent()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Checked, TestImages.Red, TestImages.Yellow, TestImages.Navy, noise: 30, period: 16);
        using var image = TestImages.Decoded(bitmap);

        var palette = ColourAnalyser.Analyse(image);

        Assert.InRange(palette.Sum(e => e.Weight), 0.999f, 1.001f);
        Assert.Equal(palette.OrderByDescending(e => e.Weight).Select(e => e.Colour), palette.Select(e => e.Colour));
        Assert.All(palette, e => Assert.True(e.Weight >= ColourAnalyser.MinWeight));
        Assert.Equal(palette.Length, palette.Select(e => e.Colour).Distinct().Count());
        Assert.InRange(palette.Length, 1, ColourAnalyser.MaxClusters);
    }

    [Fact]
    public void TheSamePixelsAlwaysGiveTheSamePalette()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Checked, TestImages.Red, TestImages.Navy, TestImages.Beige, noise: 30);
        using var image = TestImages.Decoded(bitmap);

        var first = ColourAnalyser.Analyse(image);
        var second = ColourAnalyser.Analyse(image);

        Assert.Equal(first.AsEnumerable(), second.AsEnumerable());
    }

    [Fact]
    public void AMaskWithNoForegroundGivesAnEmptyPalette()
    {
        using var bitmap = TestImages.Garment(64, 64, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White);
        using var image = TestImages.Decoded(bitmap);

        Assert.Empty(ColourAnalyser.Analyse(image, new ForegroundMask(64, 64, new byte[64 * 64])));
    }

    [Fact]
    public void AMaskOfAnotherSizeIsRefused()
    {
        using var bitmap = TestImages.Garment(64, 64, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White);
        using var image = TestImages.Decoded(bitmap);

        Assert.Throws<ArgumentException>(() => ColourAnalyser.Analyse(image, new ForegroundMask(32, 64, new byte[32 * 64])));
    }

    [Fact]
    public void AJpegProductPhotoGoesThroughIntakeRemovalAndColours()
    {
        using var bitmap = TestImages.Garment(1_200, 1_440, GarmentPattern.Solid, TestImages.Navy, TestImages.Navy, TestImages.White, noise: 8);
        var intake = new ImageIntake(new VisionOptions());

        using var image = intake.Decode(TestImages.Encode(bitmap, SKEncodedImageFormat.Jpeg, 85));
        var mask = Remover.Remove(image);
        var palette = ColourAnalyser.Analyse(image, mask);

        Assert.Equal((427, 512), (image.Width, image.Height));
        Assert.True(PlainBackgroundRemoverTests.IoU(mask, TestImages.TShirtShape(image.Width, image.Height)) >= 0.9);
        Assert.Equal(Colour.Navy, Assert.Single(palette).Colour);
    }

    private static int Distance(SKColor x, SKColor y) =>
        Math.Abs(x.Red - y.Red) + Math.Abs(x.Green - y.Green) + Math.Abs(x.Blue - y.Blue);

    /// <summary>The share of the shirt's pixels nearer <paramref name="colour"/> than <paramref name="other"/>.</summary>
    private static float ShareInsideShirt(SKBitmap bitmap, SKColor colour, SKColor other)
    {
        var shape = TestImages.TShirtShape(bitmap.Width, bitmap.Height);
        var pixels = bitmap.GetPixelSpan();
        int inside = 0, matching = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            if (!shape[i])
            {
                continue;
            }

            var pixel = new SKColor(pixels[i * 4], pixels[i * 4 + 1], pixels[i * 4 + 2]);
            inside++;
            matching += Distance(pixel, colour) < Distance(pixel, other) ? 1 : 0;
        }

        return (float)matching / inside;
    }
}
