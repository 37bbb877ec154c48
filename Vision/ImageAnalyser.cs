using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace OtMz.Vision;

/// <summary>
/// The upload pipeline: one decode at the stored photo's size, a reduced copy for analysis, then the background
/// remover, the colour analyser over the foreground and the style model. Garments and catalog looks take their
/// palette from the same foreground, so a look's backdrop is no more a colour of the look than a garment's is; only
/// a garment gets a cutout. The style model batches concurrent uploads itself, so a bulk import's parallel requests
/// share inference runs.
/// </summary>
public sealed class ImageAnalyser(
    ImageIntake intake,
    IBackgroundRemover backgroundRemover,
    IStyleModel styleModel,
    IOptions<VisionOptions> options,
    ILogger<ImageAnalyser> logger) : IImageAnalyser
{
    private const int JpegQuality = 88;

    // Trilinear mipmap sampling averages every source pixel into the reduction, as the intake does.
    private static readonly SKSamplingOptions Reduction = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    public async Task<ImageAnalysis> AnalyseAsync(ReadOnlyMemory<byte> bytes, ImageKind kind, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var photo = intake.Decode(bytes.Span, options.Value.PhotoSide);
        using var analysed = Reduce(photo, options.Value.AnalysisSide);

        var mask = backgroundRemover.Remove(analysed);
        EncodedPicture? cutout = null;
        if (kind == ImageKind.Garment)
        {
            var crop = CutoutEncoder.CropRect(mask);
            cutout = new EncodedPicture("image/png", CutoutEncoder.EncodePng(analysed, mask), crop.Width, crop.Height);
        }

        var colours = ColourAnalyser.Analyse(analysed, mask);
        var styles = (await styleModel.PredictAsync([analysed], cancellationToken))[0];
        var stored = new EncodedPicture("image/jpeg", EncodeJpeg(photo), photo.Width, photo.Height);
        logger.LogDebug("Analysed a {Width}x{Height} {Kind} in {Elapsed} ms; cutout confidence {Confidence} ({Doubt})", photo.SourceWidth,
            photo.SourceHeight, kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, mask.Confidence, mask.Doubt);
        return new ImageAnalysis(stored, cutout, colours, styles, styleModel.Info.Name, backgroundRemover.Name, mask.Confidence, mask.Doubt);
    }

    private static DecodedImage Reduce(DecodedImage image, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(image.Width, image.Height));
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = scale < 1.0 ? image.Bitmap.Resize(info, Reduction) : image.Bitmap.Copy();
        return new DecodedImage(bitmap ?? throw new InvalidOperationException("Skia could not reduce the picture."),
            image.SourceWidth, image.SourceHeight, image.Format);
    }

    /// <summary>JPEG has no alpha: a transparent picture is flattened onto white, as it would be shown.</summary>
    private static byte[] EncodeJpeg(DecodedImage image)
    {
        using var surface = SKSurface.Create(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using (var source = SKImage.FromBitmap(image.Bitmap))
        {
            surface.Canvas.DrawImage(source, 0, 0, SKSamplingOptions.Default, null);
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return data.ToArray();
    }
}
