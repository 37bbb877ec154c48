using System.Buffers;
using SkiaSharp;

namespace OtMz.Vision;

/// <summary>
/// Where an uploaded picture enters the vision pipeline. It checks the byte count, the format (JPEG, PNG, WebP) and
/// the size the header declares before any pixel buffer exists, then decodes an upright, reduced RGBA copy for the
/// background remover, the colour analyser and the style model. Every refusal is an
/// <see cref="ImageRejectedException"/>.
/// </summary>
/// <remarks>
/// A truncated picture (Skia reports incomplete input) is refused as <see cref="ImageProblem.Corrupt"/> rather than
/// analysed with its missing rows filled in: a half-grey garment would mislead the colours and the style model alike.
/// </remarks>
public sealed class ImageIntake
{
    // Trilinear mipmap sampling averages every source pixel into the reduction, so stripes and checks do not alias.
    private static readonly SKSamplingOptions Reduction = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    private readonly long _maxBytes;
    private readonly int _maxDimension;
    private readonly long _maxPixels;

    public ImageIntake(VisionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxPixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.AnalysisSide);
        _maxBytes = options.MaxBytes;
        _maxDimension = options.MaxDimension;
        _maxPixels = options.MaxPixels;
        AnalysisSide = options.AnalysisSide;
    }

    /// <summary>The longer side <see cref="Decode(ReadOnlySpan{byte})"/> reduces pictures to.</summary>
    public int AnalysisSide { get; }

    /// <summary>The MIME type of an encoded format, for storing or serving the original bytes.</summary>
    public static string ContentTypeOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Webp => "image/webp",
        SKEncodedImageFormat.Gif => "image/gif",
        SKEncodedImageFormat.Bmp => "image/bmp",
        SKEncodedImageFormat.Ico => "image/x-icon",
        SKEncodedImageFormat.Heif => "image/heif",
        SKEncodedImageFormat.Avif => "image/avif",
        SKEncodedImageFormat.Jpegxl => "image/jxl",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// Reads an upload into memory, refusing it as soon as it passes <see cref="VisionOptions.MaxBytes"/> so an
    /// oversized body is never buffered whole.
    /// </summary>
    public async Task<byte[]> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > _maxBytes)
        {
            throw TooManyBytes(stream.Length - stream.Position);
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _maxBytes)
                {
                    throw TooManyBytes(null);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes a picture reduced to at most <see cref="AnalysisSide"/> pixels on its longer side.</summary>
    public DecodedImage Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, AnalysisSide);

    /// <summary>
    /// Decodes a picture upright (EXIF orientation applied), as unpremultiplied sRGB RGBA8888, reduced so that its
    /// longer side is at most <paramref name="maxSide"/>; smaller pictures keep their size.
    /// </summary>
    /// <exception cref="ImageRejectedException">The bytes are empty, too many, not a supported picture, damaged, or
    /// declare too many pixels.</exception>
    public DecodedImage Decode(ReadOnlySpan<byte> bytes, int maxSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        if (bytes.IsEmpty)
        {
            throw new ImageRejectedException(ImageProblem.Empty, "The image is empty.");
        }

        if (bytes.Length > _maxBytes)
        {
            throw TooManyBytes(bytes.Length);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw Unreadable(bytes);
        var format = codec.EncodedFormat;
        if (format is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
        {
            throw Unsupported(format.ToString().ToUpperInvariant());
        }

        // Only the header has been read so far: refuse a dimension bomb before anything is allocated for it.
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0)
        {
            throw new ImageRejectedException(ImageProblem.Corrupt, $"The image declares an empty size ({width}x{height}).");
        }

        if (width > _maxDimension || height > _maxDimension || (long)width * height > _maxPixels)
        {
            throw new ImageRejectedException(
                ImageProblem.DimensionsTooLarge,
                $"The image declares {width}x{height} pixels; the limits are {_maxDimension} pixels on either side " +
                $"and {_maxPixels} pixels in all.");
        }

        var origin = codec.EncodedOrigin;
        var stored = DecodeReduced(codec, maxSide);
        SKBitmap upright;
        try
        {
            upright = UprightTransform.Apply(stored, origin);
        }
        catch
        {
            stored.Dispose();
            throw;
        }

        if (!ReferenceEquals(upright, stored))
        {
            stored.Dispose();
        }

        var swap = UprightTransform.SwapsAxes(origin);
        return new DecodedImage(upright, swap ? height : width, swap ? width : height, format);
    }

    /// <summary>
    /// Decodes at the smallest size the codec offers that is still no smaller than the target (JPEG in eighths,
    /// WebP at any scale), then resamples to the target. Returns unpremultiplied pixels in stored orientation.
    /// </summary>
    private static SKBitmap DecodeReduced(SKCodec codec, int maxSide)
    {
        var full = codec.Info.Size;
        var target = ReducedSize(full, maxSide);
        var decodeSize = full;
        if (target != full && codec.EncodedFormat is SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp)
        {
            var scale = (float)Math.Max(target.Width, target.Height) / Math.Max(full.Width, full.Height);
            if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
            {
                // Skia rounds a JPEG scale to the nearest eighth; asking for the next eighth up never undershoots.
                scale = MathF.Min(1f, MathF.Ceiling(scale * 8f) / 8f);
            }

            var scaled = codec.GetScaledDimensions(scale);
            if (scaled.Width >= target.Width && scaled.Height >= target.Height
                && scaled.Width <= full.Width && scaled.Height <= full.Height)
            {
                decodeSize = scaled;
            }
        }

        var direct = decodeSize == target;

        // Resampling is done premultiplied so transparent pixels' colours do not bleed into their neighbours.
        var decodeInfo = new SKImageInfo(
            decodeSize.Width,
            decodeSize.Height,
            SKColorType.Rgba8888,
            direct ? SKAlphaType.Unpremul : SKAlphaType.Premul,
            SKColorSpace.CreateSrgb());
        var decoded = new SKBitmap(decodeInfo);
        try
        {
            var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
            if (result != SKCodecResult.Success)
            {
                throw Undecodable(result);
            }

            return direct ? decoded : Resample(decoded, target);
        }
        finally
        {
            if (!direct)
            {
                decoded.Dispose();
            }
        }
    }

    private static SKBitmap Resample(SKBitmap premultiplied, SKSizeI target)
    {
        using var reduced = new SKBitmap(premultiplied.Info.WithSize(target));
        using (var source = premultiplied.PeekPixels())
        using (var destination = reduced.PeekPixels())
        {
            if (!source.ScalePixels(destination, Reduction))
            {
                throw new InvalidOperationException($"Skia could not resample {source.Width}x{source.Height} to {target}.");
            }
        }

        var result = new SKBitmap(reduced.Info.WithAlphaType(SKAlphaType.Unpremul));
        using (var reducedPixels = reduced.PeekPixels())
        {
            if (!reducedPixels.ReadPixels(result.Info, result.GetPixels(), result.RowBytes))
            {
                result.Dispose();
                throw new InvalidOperationException("Skia could not unpremultiply the reduced picture.");
            }
        }

        return result;
    }

    internal static SKSizeI ReducedSize(SKSizeI size, int maxSide)
    {
        var longer = Math.Max(size.Width, size.Height);
        if (longer <= maxSide)
        {
            return size;
        }

        var scale = (double)maxSide / longer;
        return new SKSizeI(
            Math.Clamp((int)Math.Round(size.Width * scale), 1, maxSide),
            Math.Clamp((int)Math.Round(size.Height * scale), 1, maxSide));
    }

    private ImageRejectedException TooManyBytes(long? length) => new(
        ImageProblem.TooManyBytes,
        length is { } n
            ? $"The image is {n} bytes; the limit is {_maxBytes} bytes."
            : $"The image is larger than the limit of {_maxBytes} bytes.");

    private static ImageRejectedException Unsupported(string format) => new(
        ImageProblem.UnsupportedFormat,
        $"The image is {format}; only JPEG, PNG and WebP are accepted.");

    private static ImageRejectedException Unreadable(ReadOnlySpan<byte> bytes)
    {
        var name = ImageSignature.Recognise(bytes);
        return name switch
        {
            null => new(ImageProblem.Corrupt, "The data is not a picture in any format we recognise."),
            ImageSignature.Jpeg or ImageSignature.Png or ImageSignature.Webp =>
                new(ImageProblem.Corrupt, $"The image starts like a {name} file but its header is damaged."),
            _ => Unsupported(name),
        };
    }

    private static ImageRejectedException Undecodable(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => new(ImageProblem.Corrupt, "The image is truncated: its data ends before the last pixel."),
        SKCodecResult.ErrorInInput => new(ImageProblem.Corrupt, "The image data is damaged and could not be decoded."),
        _ => new(ImageProblem.Corrupt, $"The image could not be decoded ({result})."),
    };
}
