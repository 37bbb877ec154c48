using System.Collections.Immutable;

namespace OtMz.Vision;

/// <summary>
/// What the pipeline made of one picture: the photo re-encoded upright without its metadata (so no location
/// leaves a phone's EXIF), the cutout for garments, the colours of the foreground and the style probabilities,
/// with the background remover's confidence in the foreground (<see cref="CutoutConfidence"/>; for a look, the
/// foreground its palette came from).
/// </summary>
public sealed record ImageAnalysis(
    EncodedPicture Photo,
    EncodedPicture? Cutout,
    ImmutableArray<PaletteEntry> Colours,
    float[] StyleProbabilities,
    string StyleModel,
    string BackgroundRemover,
    float CutoutConfidence = 1f,
    CutoutDoubt CutoutDoubt = CutoutDoubt.None)
{
    /// <summary>The remover does not trust the foreground: the item says so, so a client can ask for a better photo.</summary>
    public bool CutoutUncertain => CutoutConfidence < Vision.CutoutConfidence.UncertainBelow;
}

public sealed record EncodedPicture(string ContentType, byte[] Bytes, int Width, int Height);
