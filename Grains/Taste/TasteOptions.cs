namespace OtMz.Grains.Taste;

/// <summary>The taste update's starting defaults (design.md, "Signals and the taste update"). Section "Taste".</summary>
public sealed class TasteOptions
{
    /// <summary>a: how far one like or save moves the taste towards the look.</summary>
    public float LearningRate { get; set; } = 0.15f;

    /// <summary>b for a skip.</summary>
    public float SkipStep { get; set; } = 0.05f;

    /// <summary>b for a dislike.</summary>
    public float DislikeStep { get; set; } = 0.15f;

    /// <summary>Rate of the colour-affinity moving average.</summary>
    public float ColourRate { get; set; } = 0.2f;

    /// <summary>How strongly the dataset prior is divided out of a look before it moves the taste (0 = not at all).</summary>
    public float PriorCorrection { get; set; } = 0.5f;

    /// <summary>A dwell shorter than this is a skip.</summary>
    public int DwellSkipBelowMs { get; set; } = 500;

    /// <summary>How many looks a user's seen, liked and disliked sets keep (oldest forgotten first).</summary>
    public int LookMemory { get; set; } = 500;

    /// <summary>How many recent signal ids the grain remembers to drop redeliveries.</summary>
    public int DedupeWindow { get; set; } = 4096;
}
