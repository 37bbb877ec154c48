namespace OtMz.Vision;

/// <summary>Why an uploaded picture was refused; the API maps each to a Problem Details status.</summary>
public enum ImageProblem
{
    /// <summary>No bytes at all (422).</summary>
    Empty,

    /// <summary>More bytes than <see cref="VisionOptions.MaxBytes"/> (413).</summary>
    TooManyBytes,

    /// <summary>A picture, but not JPEG, PNG or WebP (415).</summary>
    UnsupportedFormat,

    /// <summary>Not a picture, or a damaged or truncated one (422).</summary>
    Corrupt,

    /// <summary>A header declaring more than <see cref="VisionOptions.MaxDimension"/> or <see cref="VisionOptions.MaxPixels"/> (413).</summary>
    DimensionsTooLarge,
}
