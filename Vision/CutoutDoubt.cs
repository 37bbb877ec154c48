namespace OtMz.Vision;

/// <summary>
/// Why a background remover doubts its cutout: the criterion that scored lowest when the confidence fell below
/// <see cref="CutoutConfidence.UncertainBelow"/> (docs/vision.md lists the criteria and their bounds).
/// </summary>
public enum CutoutDoubt
{
    /// <summary>The cutout is trusted.</summary>
    None,

    /// <summary>No garment could be told from a backdrop; the mask is the whole picture.</summary>
    NoSeparation,

    /// <summary>The backdrop is textured or noisy, so its colour is only roughly known.</summary>
    BusyBackdrop,

    /// <summary>Much of the garment is barely distinguishable from the backdrop.</summary>
    LowContrast,

    /// <summary>The garment covers only a sliver of the picture.</summary>
    SmallGarment,

    /// <summary>The garment runs off much of the picture's edge or fills nearly all of it.</summary>
    CroppedByBorder,

    /// <summary>The garment came apart into several pieces of similar size.</summary>
    Fragmented,
}
