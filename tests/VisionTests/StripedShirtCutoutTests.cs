using SkiaSharp;

namespace OtMz.VisionTests;

/// <summary>
/// The picture a new user's navy and light-grey striped T-shirt made: on a near-white backdrop the light-grey
/// stripes were taken for backdrop and the cutout was one navy stripe. These pin that the whole shirt comes out.
/// </summary>
public class StripedShirtCutoutTests
{
    private const int Side = 512;

    private static readonly SKColor LightGrey = new(214, 214, 217);
    private static readonly SKColor NearWhite = new(246, 246, 244);
    private static readonly PlainBackgroundRemover Remover = new();

    [Fact]
    public void ANavyAndLightGreyStripedShirtOnANearWhiteBackdropComesOutWhole()
    {
        // 46-pixel stripes of navy and light grey (ΔE*ab ≈ 11 from the backdrop), light sensor noise, analysis size.
        using var bitmap = TestImages.Garment(Side, Side, GarmentPattern.Striped, TestImages.Navy, LightGrey, NearWhite, noise: 3, period: 92);
        using var image = TestImages.Decoded(bitmap);

        var mask = Remover.Remove(image);
        var palette = ColourAnalyser.Analyse(image, mask);
        var crop = CutoutEncoder.CropRect(mask);

        var iou = PlainBackgroundRemoverTests.IoU(mask, TestImages.TShirtShape(Side, Side));
        Assert.True(iou >= 0.95, $"IoU {iou:F3}");
        Assert.True(crop.Width >= 0.78 * Side && crop.Height >= 0.74 * Side, $"crop {crop.Width}x{crop.Height}");
        Assert.False(mask.Uncertain, $"confidence {mask.Confidence} ({mask.Doubt})");
        var navy = palette.Single(p => p.Colour == Colour.Navy).Weight;
        var light = palette.Where(p => p.Colour is Colour.Silver or Colour.White or Colour.Gray).Sum(p => p.Weight);
        Assert.InRange(navy, 0.35f, 0.65f);
        Assert.InRange(light, 0.35f, 0.65f);
    }

    [Fact]
    public void StripesOfTheBackdropsOwnColourBetweenNavyStripesStayInTheCutout()
    {
        // White on white: no colour tells these stripes from the backdrop; the navy stripes above and below do.
        using var bitmap = TestImages.Garment(Side, Side, GarmentPattern.Striped, TestImages.Navy, TestImages.White, TestImages.White, period: 60);
        using var image = TestImages.Decoded(bitmap);

        var mask = Remover.Remove(image);
        var palette = ColourAnalyser.Analyse(image, mask);

        var iou = PlainBackgroundRemoverTests.IoU(mask, TestImages.TShirtShape(Side, Side));
        Assert.True(iou >= 0.9, $"IoU {iou:F3}");
        Assert.Contains(palette, p => p.Colour == Colour.White && p.Weight >= 0.3f);
        Assert.Contains(palette, p => p.Colour == Colour.Navy && p.Weight >= 0.3f);
    }

    [Fact]
    public void TheGapBetweenTrouserLegsStaysBackdrop()
    {
        using var bitmap = TestImages.NewBitmap(400, 480);
        var legs = new[] { SKRectI.Create(120, 100, 160, 80), SKRectI.Create(120, 180, 70, 260), SKRectI.Create(210, 180, 70, 260) };
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = TestImages.Navy })
        {
            canvas.Clear(TestImages.White);
            foreach (var part in legs)
            {
                canvas.DrawRect(part, paint);
            }
        }

        using var image = TestImages.Decoded(bitmap);
        var mask = Remover.Remove(image);

        for (var y = 200; y < 430; y += 10)
        {
            Assert.Equal(0, mask.Alpha[y * 400 + 200]);
        }
    }
}
