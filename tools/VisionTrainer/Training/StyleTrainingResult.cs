namespace OtMz.VisionTrainer.Training;

/// <summary>
/// A trained head and how it got there: <see cref="Rounds"/>[0] is fitted on labelled pictures alone, each later
/// entry after one more self-training round; <see cref="Head"/> is the last.
/// </summary>
public sealed record StyleTrainingResult(
    IReadOnlyList<StyleHead> Rounds,
    IReadOnlyList<PseudoLabelRound> PseudoLabels,
    IReadOnlyList<float> PositiveWeights)
{
    public StyleHead Head => Rounds[^1];
}
