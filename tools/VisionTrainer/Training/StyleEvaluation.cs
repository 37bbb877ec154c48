namespace OtMz.VisionTrainer.Training;

/// <summary>A head's metrics on the held-out outfits, the unlabelled photos (their hidden labels) and the held-out photos.</summary>
public sealed record StyleEvaluation(StyleMetrics HeldOut, StyleMetrics Unlabelled, StyleMetrics PhotoHeldOut);
