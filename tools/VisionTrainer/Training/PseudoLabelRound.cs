namespace OtMz.VisionTrainer.Training;

/// <summary>
/// What one self-training round took from the unlabelled pictures: how many pictures contributed at least one
/// confident decision, and how many (picture, style) decisions were confident positives and negatives.
/// </summary>
public sealed record PseudoLabelRound(int Round, int Pictures, int Positives, int Negatives, int Uncertain);
