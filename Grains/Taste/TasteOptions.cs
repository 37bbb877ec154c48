namespace OtMz.Grains.Taste;

/// <summary>The taste update's starting defaults (design.md, "Signals and the taste update"). Section "Taste".</summary>
public sealed class TasteOptions
{
    /// <summary>
    /// a: how far one signal moves the taste per unit of surprise, the signal's evidence minus the user's baseline
    /// (<see cref="Users.TasteUpdate"/>); the step is a·clamp(evidence − baseline, −1, 1).
    /// </summary>
    public float LearningRate { get; set; } = 0.3f;

    /// <summary>
    /// How much the ranking leans on the direction learnt from the dwell ordering (<see cref="PairwiseTaste"/>): the
    /// query taste is the unit sum of the taste and this many times that direction; 0 turns it off (docs/quality.md measured 5).
    /// </summary>
    public float PairwiseWeight { get; set; } = 5f;

    /// <summary>The pairwise perceptron's step per misordered pair (<see cref="PairwiseTaste.Learn"/>).</summary>
    public float PairwiseRate { get; set; } = 2f;

    /// <summary>The evidence of a skip, or of a dwell too short to count, as a magnitude: the evidence is −SkipStep.</summary>
    public float SkipStep { get; set; } = 0.05f;

    /// <summary>The evidence of a dislike, as a magnitude: the evidence is −DislikeStep.</summary>
    public float DislikeStep { get; set; } = 0.15f;

    /// <summary>Weight of the latest view in the user's baseline (a moving average of what their views earn).</summary>
    public float BaselineRate { get; set; } = 0.05f;

    /// <summary>The baseline before a user's first view.</summary>
    public float BaselineStart { get; set; } = 0.3f;

    /// <summary>Rate of the colour-affinity moving average.</summary>
    public float ColourRate { get; set; } = 0.2f;

    /// <summary>How strongly the dataset prior is divided out of a look before it moves the taste (0 = not at all).</summary>
    public float PriorCorrection { get; set; } = 0f;

    /// <summary>A dwell shorter than this is a skip.</summary>
    public int DwellSkipBelowMs { get; set; } = 500;

    /// <summary>How many looks a user's seen, liked and disliked sets keep (oldest forgotten first).</summary>
    public int LookMemory { get; set; } = 500;

    /// <summary>
    /// How long a signal id is remembered: a signal sent again within this time is acknowledged as a duplicate and
    /// changes nothing, whatever arrived in between. At least a day (<see cref="TasteOptionsValidator"/>).
    /// </summary>
    public TimeSpan SignalIdRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The signal quota: how many new signals one user may send within <see cref="SignalIdRetention"/>. It bounds the
    /// ids kept per user (<see cref="SignalIdSet"/>: 8 bytes each); past it new signals are refused until the oldest
    /// age out, so no id is forgotten early. A busy user's day is a few thousand signals.
    /// </summary>
    public int SignalQuota { get; set; } = 20_000;
}
