using OtMz.VisionTrainer.Training;
using SkiaSharp;

namespace OtMz.VisionTests;

/// <summary>Rendered looks and plain colours as decoded pictures, for the style and segmentation model tests.</summary>
internal static class StyleTestImages
{
    public static DecodedImage Outfit(int seed, int index) => Wrap(SyntheticLooks.RenderOutfit(seed, index));

    public static DecodedImage Photo(int seed, int index) => Wrap(SyntheticLooks.RenderPhoto(seed, index));

    public static DecodedImage Plain(int width, int height, SKColor colour)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(colour);
        return Wrap(bitmap);
    }

    public static DecodedImage Wrap(SKBitmap bitmap) => new(bitmap, bitmap.Width, bitmap.Height, SKEncodedImageFormat.Png);
}
