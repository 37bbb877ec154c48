namespace OtMz.Vision;

/// <summary>
/// <see cref="ImageIntake"/> refused a picture. The message is written for the uploader and names the limit that
/// was hit; the API returns it as the detail of a Problem Details response for the field "image".
/// </summary>
public sealed class ImageRejectedException : Exception
{
    public ImageRejectedException(ImageProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public ImageRejectedException(ImageProblem problem, string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public ImageProblem Problem { get; }
}
