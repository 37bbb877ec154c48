using OtMz.TestShared;
using SkiaSharp;

namespace OtMz.VisionTests;

public class ImageIntakeTests
{
    private static readonly ImageIntake Intake = new(new VisionOptions());

    private static ImageRejectedException Refused(byte[] bytes, ImageIntake? intake = null) =>
        Assert.Throws<ImageRejectedException>(() => (intake ?? Intake).Decode(bytes).Dispose());

    [Fact]
    public void EmptyBytesAreRefusedAsEmpty()
    {
        Assert.Equal(ImageProblem.Empty, Refused([]).Problem);
    }

    [Fact]
    public void MoreBytesThanTheLimitAreRefusedAndTheMessageNamesTheLimit()
    {
        var intake = new ImageIntake(new VisionOptions { MaxBytes = 1_000 });
        using var bitmap = TestImages.Garment(100, 100, GarmentPattern.Solid, TestImages.Red, TestImages.Red, TestImages.White, noise: 20);
        var png = TestImages.Encode(bitmap, SKEncodedImageFormat.Png);
        Assert.True(png.Length > 1_000);

        var refusal = Refused(png, intake);

        Assert.Equal(ImageProblem.TooManyBytes, refusal.Problem);
        Assert.Contains("1000 bytes", refusal.Message);
    }

    [Fact]
    public async Task ReadingAnUploadStopsAsSoonAsItPassesTheByteLimit()
    {
        var intake = new ImageIntake(new VisionOptions { MaxBytes = 1_000 });
        using var upload = new UnseekableStream(new byte[5_000]);

        var refusal = await Assert.ThrowsAsync<ImageRejectedException>(() => intake.ReadAsync(upload));

        Assert.Equal(ImageProblem.TooManyBytes, refusal.Problem);
    }

    [Fact]
    public async Task ReadingAnUploadWithinTheLimitReturnsAllItsBytes()
    {
        var bytes = TestImages.RandomBytes(3_000, seed: 3);
        using var upload = new UnseekableStream(bytes);

        Assert.Equal(bytes, await Intake.ReadAsync(upload));
    }

    public static TheoryData<string> UnsupportedFiles => ["gif", "bmp", "heic"];

    [Theory]
    [MemberData(nameof(UnsupportedFiles))]
    public void PicturesInOtherFormatsAreRefusedAsUnsupported(string kind)
    {
        var bytes = kind switch
        {
            "gif" => MalformedPictures.Gif(),
            "bmp" => TestImages.Bmp(),
            _ => TestImages.HeicHeader(),
        };

        var refusal = Refused(bytes);

        Assert.Equal(ImageProblem.UnsupportedFormat, refusal.Problem);
        Assert.Contains("only JPEG, PNG and WebP", refusal.Message);
    }

    [Fact]
    public void RandomBytesAreRefusedAsCorrupt()
    {
        Assert.Equal(ImageProblem.Corrupt, Refused(TestImages.RandomBytes(4_096, seed: 5)).Problem);
    }

    [Fact]
    public void AJpegWhoseHeaderIsDamagedIsRefusedAsCorrupt()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, .. TestImages.RandomBytes(500, seed: 9)];

        var refusal = Refused(bytes);

        Assert.Equal(ImageProblem.Corrupt, refusal.Problem);
        Assert.Contains("JPEG", refusal.Message);
    }

    [Fact]
    public void ATruncatedJpegIsRefusedAsCorrupt()
    {
        using var bitmap = TestImages.Garment(300, 300, GarmentPattern.Checked, TestImages.Red, TestImages.Navy, TestImages.White, noise: 20);
        var jpeg = TestImages.Encode(bitmap, SKEncodedImageFormat.Jpeg, 90);

        var refusal = Refused(jpeg[..(jpeg.Length / 2)]);

        Assert.Equal(ImageProblem.Corrupt, refusal.Problem);
        Assert.Contains("truncated", refusal.Message);
    }

    [Fact]
    public void APngHeaderClaiming30000By30000IsRefusedBeforeAnyPixelBufferIsAllocated()
    {
        var bomb = MalformedPictures.PngClaiming(30_000, 30_000);
        Refused(bomb); // warm up Skia and the JIT so the measurement below sees only the decode attempt

        var before = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Refused(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageProblem.DimensionsTooLarge, refusal.Problem);
        Assert.Contains("30000x30000", refusal.Message);
        Assert.Contains("10000", refusal.Message);
        Assert.True(allocated < 1_000_000, $"{allocated} bytes allocated; a 30000x30000 RGBA buffer is 3.6 GB.");
    }

    [Fact]
    public void AJpegHeaderClaiming30000By30000IsRefusedBeforeAnyPixelBufferIsAllocated()
    {
        var bomb = TestImages.JpegClaiming(30_000, 30_000);
        Refused(bomb);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Refused(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageProblem.DimensionsTooLarge, refusal.Problem);
        Assert.True(allocated < 1_000_000, $"{allocated} bytes allocated; a 30000x30000 RGBA buffer is 3.6 GB.");
    }

    [Fact]
    public void APictureWithinTheSideLimitButOverThePixelLimitIsRefused()
    {
        var intake = new ImageIntake(new VisionOptions { MaxPixels = 100 * 100 });
        using var bitmap = TestImages.Quadrants(200, 60);

        var refusal = Refused(TestImages.Encode(bitmap, SKEncodedImageFormat.Png), intake);

        Assert.Equal(ImageProblem.DimensionsTooLarge, refusal.Problem);
        Assert.Contains("10000 pixels in all", refusal.Message);
    }

    public static TheoryData<SKEncodedImageFormat> Formats =>
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp];

    [Theory]
    [MemberData(nameof(Formats))]
    public void JpegPngAndWebpDecodeToUnpremultipliedRgbaAtTheirOwnSize(SKEncodedImageFormat format)
    {
        using var bitmap = TestImages.Quadrants(120, 80);

        using var image = Intake.Decode(TestImages.Encode(bitmap, format));

        Assert.Equal(format, image.Format);
        Assert.Equal((120, 80), (image.Width, image.Height));
        Assert.Equal((120, 80), (image.SourceWidth, image.SourceHeight));
        Assert.Equal(SKColorType.Rgba8888, image.Bitmap.ColorType);
        Assert.Equal(SKAlphaType.Unpremul, image.Bitmap.AlphaType);
        AssertColour(image, 10, 10, SKColors.Red);
        AssertColour(image, 110, 70, SKColors.Yellow);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void ALargePictureDecodesReducedSoItsLongerSideIsMaxSide(SKEncodedImageFormat format)
    {
        using var bitmap = TestImages.Quadrants(2_000, 1_000);

        using var image = Intake.Decode(TestImages.Encode(bitmap, format), 512);

        Assert.Equal((512, 256), (image.Width, image.Height));
        Assert.Equal((2_000, 1_000), (image.SourceWidth, image.SourceHeight));
        AssertColour(image, 20, 20, SKColors.Red);
        AssertColour(image, 490, 236, SKColors.Yellow);
    }

    [Fact]
    public void AReducedPictureKeepsTheAverageColourOfFineStripes()
    {
        // One-pixel black and white stripes: point sampling would give black or white, averaging gives mid-grey.
        using var bitmap = TestImages.NewBitmap(2_048, 1_024);
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var value = (byte)(i / 4 % 2 == 0 ? 0 : 255);
            (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (value, value, value, 255);
        }

        using var image = Intake.Decode(TestImages.Encode(bitmap, SKEncodedImageFormat.Png), 256);

        var centre = ((64 * 256) + 128) * 4;
        Assert.InRange(image.Pixels[centre], 100, 155);
    }

    [Fact]
    public void ASmallPictureIsNeverUpscaled()
    {
        using var bitmap = TestImages.Quadrants(64, 48);

        using var image = Intake.Decode(TestImages.Encode(bitmap, SKEncodedImageFormat.Png), 512);

        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Fact]
    public void APngKeepsItsTransparencyUnpremultiplied()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(40, 40, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (200, 30, 40, (byte)(i / 4 % 40 < 20 ? 0 : 128));
        }

        using var image = Intake.Decode(TestImages.Encode(bitmap, SKEncodedImageFormat.Png));

        Assert.Equal(0, image.Pixels[(5 * 40 + 5) * 4 + 3]);
        var half = (5 * 40 + 30) * 4;
        Assert.Equal(128, image.Pixels[half + 3]);
        Assert.InRange(image.Pixels[half], 198, 202); // not darkened by premultiplication
    }

    [Fact]
    public void ContentTypesAreTheMimeTypesOfTheFormats()
    {
        Assert.Equal("image/jpeg", ImageIntake.ContentTypeOf(SKEncodedImageFormat.Jpeg));
        Assert.Equal("image/png", ImageIntake.ContentTypeOf(SKEncodedImageFormat.Png));
        Assert.Equal("image/webp", ImageIntake.ContentTypeOf(SKEncodedImageFormat.Webp));
    }

    internal static void AssertColour(DecodedImage image, int x, int y, SKColor expected, int tolerance = 24)
    {
        var i = (y * image.Width + x) * 4;
        var actual = new SKColor(image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]);
        Assert.True(
            Math.Abs(actual.Red - expected.Red) <= tolerance
                && Math.Abs(actual.Green - expected.Green) <= tolerance
                && Math.Abs(actual.Blue - expected.Blue) <= tolerance,
            $"At ({x}, {y}) expected about {expected}, got {actual}.");
    }
}
