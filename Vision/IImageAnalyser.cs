namespace OtMz.Vision;

/// <summary>
/// The vision pipeline behind the upload routes: decode within limits, cut a garment out of its background, find
/// its colours and score its styles. Throws <see cref="ImageRejectedException"/> for a picture it will not take.
/// </summary>
public interface IImageAnalyser
{
    Task<ImageAnalysis> AnalyseAsync(ReadOnlyMemory<byte> bytes, ImageKind kind, CancellationToken cancellationToken = default);
}

/// <summary>A catalog look (a whole outfit, kept as a photo) or a closet garment (also cut out of its background).</summary>
public enum ImageKind
{
    Look,
    Garment,
}
