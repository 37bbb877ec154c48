using System.Collections.Immutable;

namespace OtMz.Vision;

/// <summary>
/// What the pipeline made of one picture: the photo re-encoded upright without its metadata (so no location
/// leaves a phone's EXIF), the cutout for garments, the colours and the style probabilities.
/// </summary>
public sealed record ImageAnalysis(
    EncodedPicture Photo,
    EncodedPicture? Cutout,
    ImmutableArray<PaletteEntry> Colours,
    float[] StyleProbabilities,
    string StyleModel,
    string? BackgroundRemover);

public sealed record EncodedPicture(string ContentType, byte[] Bytes, int Width, int Height);
