using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Vision;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// The one way an uploaded picture enters: read within the byte limit, analysed, and a refusal turned into a
/// Problem Details naming the "image" field. Nothing is stored until analysis succeeded.
/// </summary>
public static class ImageUploads
{
    public const string Field = "image";

    /// <summary>Multipart framing and the small text fields around the picture.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    public static async Task<(ImageAnalysis? Analysis, ProblemHttpResult? Problem)> AnalyseAsync(
        IImageAnalyser analyser, VisionOptions options, IFormFile? image, ImageKind kind, CancellationToken cancellationToken)
    {
        if (image is null)
        {
            return (null, Problems.Validation(Field, "Attach the picture as the multipart field 'image' (JPEG, PNG or WebP)."));
        }

        if (image.Length > options.MaxBytes)
        {
            return (null, Refused(new ImageRejectedException(ImageProblem.TooManyBytes, $"The picture has {image.Length} bytes; at most {options.MaxBytes}.")));
        }

        var bytes = new byte[image.Length];
        await using (var stream = image.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        try
        {
            return (await analyser.AnalyseAsync(bytes, kind, cancellationToken), null);
        }
        catch (ImageRejectedException rejected)
        {
            return (null, Refused(rejected));
        }
    }

    public static ProblemHttpResult Refused(ImageRejectedException rejected) =>
        Problems.Validation([new FieldError(Field, rejected.Message)], StatusOf(rejected.Problem), TitleOf(rejected.Problem));

    public static int StatusOf(ImageProblem problem) => problem switch
    {
        ImageProblem.TooManyBytes => StatusCodes.Status413PayloadTooLarge,
        ImageProblem.UnsupportedFormat => StatusCodes.Status415UnsupportedMediaType,
        ImageProblem.Empty => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string TitleOf(ImageProblem problem) => problem switch
    {
        ImageProblem.TooManyBytes => "The picture is too large.",
        ImageProblem.UnsupportedFormat => "The picture's format is not supported.",
        ImageProblem.DimensionsTooLarge => "The picture has too many pixels.",
        ImageProblem.Empty => "The picture is empty.",
        _ => "The picture could not be decoded.",
    };

    /// <summary>
    /// Stores an analysed picture under a fresh id and returns the id: a closet picture owned by
    /// <paramref name="ownerId"/>, or a catalog photo that belongs to <paramref name="lookId"/>.
    /// </summary>
    public static async Task<string> StoreAsync(IGrainFactory grains, EncodedPicture picture, string? ownerId, string? lookId = null)
    {
        var id = $"img-{Guid.CreateVersion7():N}";
        await grains.GetGrain<IImageGrain>(id).Put(new StoredImage(id, picture.ContentType, picture.Bytes, picture.Width, picture.Height, ownerId, lookId));
        return id;
    }
}
