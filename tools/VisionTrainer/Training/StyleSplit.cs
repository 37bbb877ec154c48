namespace OtMz.VisionTrainer.Training;

/// <summary>One split of a training set: a feature vector and the multi-label targets per picture.</summary>
public sealed record StyleSplit(string Name, float[][] Features, bool[][] Labels)
{
    public int Count => Features.Length;
}
