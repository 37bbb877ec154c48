using SkiaSharp;

namespace OtMz.VisionTests;

public class CutoutEncoderTests
{
    private const int Width = 300;
    private const int Height = 360;

    private static SKBitmap DecodePng(byte[] png)
    {
        using var codec = SKCodec.Create(new MemoryStream(png));
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        var bitmap = new SKBitmap(new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(bitmap.Info, bitmap.GetPixels()));
        return bitmap;
    }

    private static byte AlphaAt(SKBitmap bitmap, int x, int y) => bitmap.GetPixelSpan()[(y * bitmap.Width + x) * 4 + 3];

    [Fact]
    public void TheCutoutIsTransparentOnTheBackdropAndOpaqueInsideTheGarment()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Checked, TestImages.Red, TestImages.Navy, TestImages.White);
        using var image = TestImages.Decoded(bitmap);
        var mask = new PlainBackgroundRemover().Remove(image);

        using var cutout = DecodePng(CutoutEncoder.EncodePng(image, mask, crop: false));

        Assert.Equal((Width, Height), (cutout.Width, cutout.Height));
        var shape = TestImages.TShirtShape(Width, Height);
        int backdrop = 0, clearBackdrop = 0, interior = 0, opaqueInterior = 0;
        for (var y = 3; y < Height - 3; y++)
        {
            for (var x = 3; x < Width - 3; x++)
            {
                // Interior and backdrop: pixels at least three pixels from the outline, past the feathered edge.
                var inside = shape[(y - 3) * Width + x] && shape[(y + 3) * Width + x] && shape[y * Width + x - 3] && shape[y * Width + x + 3];
                var outside = !shape[(y - 3) * Width + x] && !shape[(y + 3) * Width + x] && !shape[y * Width + x - 3] && !shape[y * Width + x + 3];
                var alpha = AlphaAt(cutout, x, y);
                if (inside)
                {
                    interior++;
                    opaqueInterior += alpha == 255 ? 1 : 0;
                }
                else if (outside)
                {
                    backdrop++;
                    clearBackdrop += alpha == 0 ? 1 : 0;
                }
            }
        }

        Assert.True(opaqueInterior >= 0.99 * interior, $"{opaqueInterior} of {interior} interior pixels opaque");
        Assert.True(clearBackdrop >= 0.99 * backdrop, $"{clearBackdrop} of {backdrop} backdrop pixels clear");
        var centre = (Height / 2 * Width + Width / 2) * 4;
        Assert.Equal(image.Pixels.Slice(centre, 4).ToArray(), cutout.GetPixelSpan().Slice(centre, 4).ToArray());
    }

    [Fact]
    public void CroppingKeepsTheGarmentsBoundingBoxAndAMargin()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Green, TestImages.Green, TestImages.Beige);
        using var image = TestImages.Decoded(bitmap);
        var alpha = new byte[Width * Height];
        var garment = SKRectI.Create(100, 120, 80, 90);
        for (var y = garment.Top; y < garment.Bottom; y++)
        {
            alpha.AsSpan(y * Width + garment.Left, garment.Width).Fill(255);
        }

        var mask = new ForegroundMask(Width, Height, alpha);

        var rect = CutoutEncoder.CropRect(mask);
        using var cutout = DecodePng(CutoutEncoder.EncodePng(image, mask));

        var margin = (int)Math.Round(0.02 * Height);
        Assert.Equal(SKRectI.Create(100 - margin, 120 - margin, 80 + 2 * margin, 90 + 2 * margin), rect);
        Assert.Equal((rect.Width, rect.Height), (cutout.Width, cutout.Height));
        Assert.Equal(0, AlphaAt(cutout, 0, 0));
        Assert.Equal(255, AlphaAt(cutout, margin, margin));
        Assert.Equal(255, AlphaAt(cutout, rect.Width - 1 - margin, rect.Height - 1 - margin));
        Assert.Equal(0, AlphaAt(cutout, rect.Width - margin, rect.Height - margin));
    }

    [Fact]
    public void AMaskTouchingTheEdgeCropsNoFurtherThanThePicture()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Green, TestImages.Green, TestImages.Beige);
        var alpha = new byte[Width * Height];
        alpha.AsSpan(0, Width * 10).Fill(255);

        Assert.Equal(new SKRectI(0, 0, Width, 10 + (int)Math.Round(0.02 * Height)), CutoutEncoder.CropRect(new ForegroundMask(Width, Height, alpha)));
    }

    [Fact]
    public void AnEmptyMaskKeepsTheWholeFrameFullyTransparent()
    {
        using var bitmap = TestImages.Garment(40, 40, GarmentPattern.Solid, TestImages.Green, TestImages.Green, TestImages.Beige);
        using var image = TestImages.Decoded(bitmap);

        using var cutout = DecodePng(CutoutEncoder.EncodePng(image, new ForegroundMask(40, 40, new byte[1_600])));

        Assert.Equal((40, 40), (cutout.Width, cutout.Height));
        Assert.True(cutout.GetPixelSpan().IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void TheFeatheredEdgeBecomesPartialAlpha()
    {
        using var bitmap = TestImages.Garment(Width, Height, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White);
        using var image = TestImages.Decoded(bitmap);
        var mask = new PlainBackgroundRemover().Remove(image);

        using var cutout = DecodePng(CutoutEncoder.EncodePng(image, mask, crop: false));

        var partial = 0;
        var pixels = cutout.GetPixelSpan();
        for (var i = 3; i < pixels.Length; i += 4)
        {
            partial += pixels[i] is > 0 and < 255 ? 1 : 0;
        }

        Assert.True(partial > 0);
        Assert.Equal(mask.Alpha[(Height / 2) * Width + 10], AlphaAt(cutout, 10, Height / 2));
    }
}
