namespace OtMz.VisionTrainer.Training;

/// <summary>How <see cref="StyleTrainer"/> fits a head. The defaults are the ones the default style model is built with.</summary>
public sealed record StyleTrainerOptions
{
    /// <summary>Class-weighted BCE: positives of style c weigh negatives/positives of c in the labelled set, clipped to [1, <see cref="MaxPositiveWeight"/>].</summary>
    public bool ClassWeighting { get; init; } = true;

    public float MaxPositiveWeight { get; init; } = 50f;

    /// <summary>Self-training rounds after the labelled-only fit (0: no self-training).</summary>
    public int SelfTrainingRounds { get; init; } = 2;

    /// <summary>A probability at least this makes a positive pseudo-label.</summary>
    public float PositiveThreshold { get; init; } = 0.9f;

    /// <summary>A probability at most this makes a negative pseudo-label.</summary>
    public float NegativeThreshold { get; init; } = 0.1f;

    /// <summary>The loss weight of a pseudo-label relative to a true label.</summary>
    public float PseudoLabelWeight { get; init; } = 1f;

    /// <summary>ReLU units between the features and the logits; 0 is a multi-label logistic regression.</summary>
    public int HiddenUnits { get; init; }

    public int Epochs { get; init; } = 25;

    /// <summary>Epochs of each self-training round, which starts from the previous round's head.</summary>
    public int SelfTrainingEpochs { get; init; } = 10;

    public int BatchSize { get; init; } = 64;

    public float LearningRate { get; init; } = 0.02f;

    /// <summary>L2 penalty on the weights (not the biases).</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    public int Seed { get; init; } = 1;
}
