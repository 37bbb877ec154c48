using SkiaSharp;

namespace OtMz.VisionTests;

/// <summary>
/// A 60x40 JPEG of four coloured quadrants (red top-left, green top-right) stored with each EXIF orientation: the
/// decoded picture must be upright, i.e. the stored corners land where a viewer honouring the tag shows them.
/// </summary>
public class ExifOrientationTests
{
    private static readonly ImageIntake Intake = new(new VisionOptions());

    public static TheoryData<ushort, Corner, Corner> Orientations => new()
    {
        { 1, Corner.TopLeft, Corner.TopRight },      // as stored
        { 2, Corner.TopRight, Corner.TopLeft },      // mirrored left-right
        { 3, Corner.BottomRight, Corner.BottomLeft }, // turned 180°
        { 4, Corner.BottomLeft, Corner.BottomRight }, // mirrored top-bottom
        { 5, Corner.TopLeft, Corner.BottomLeft },    // transposed
        { 6, Corner.TopRight, Corner.BottomRight },  // needs a quarter turn clockwise
        { 7, Corner.BottomRight, Corner.TopRight },  // transversed
        { 8, Corner.BottomLeft, Corner.TopLeft },    // needs a quarter turn anticlockwise
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void EveryExifOrientationDecodesUpright(ushort orientation, Corner redLandsAt, Corner greenLandsAt)
    {
        using var stored = TestImages.Quadrants(60, 40);
        var jpeg = TestImages.WithExifOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg, 95), orientation);

        using var image = Intake.Decode(jpeg);

        var sideways = orientation >= 5;
        Assert.Equal(sideways ? (40, 60) : (60, 40), (image.Width, image.Height));
        Assert.Equal((image.Width, image.Height), (image.SourceWidth, image.SourceHeight));
        AssertCorner(image, redLandsAt, SKColors.Red);
        AssertCorner(image, greenLandsAt, SKColors.Lime);
    }

    [Fact]
    public void AReducedSidewaysPictureIsReducedAndTurned()
    {
        using var stored = TestImages.Quadrants(1_200, 800);
        var jpeg = TestImages.WithExifOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg, 95), 6);

        using var image = Intake.Decode(jpeg, 300);

        Assert.Equal((200, 300), (image.Width, image.Height));
        Assert.Equal((800, 1_200), (image.SourceWidth, image.SourceHeight));
        AssertCorner(image, Corner.TopRight, SKColors.Red);
    }

    private static void AssertCorner(DecodedImage image, Corner corner, SKColor expected)
    {
        const int Inset = 4;
        var x = corner is Corner.TopLeft or Corner.BottomLeft ? Inset : image.Width - 1 - Inset;
        var y = corner is Corner.TopLeft or Corner.TopRight ? Inset : image.Height - 1 - Inset;
        ImageIntakeTests.AssertColour(image, x, y, expected, tolerance: 40);
    }
}
