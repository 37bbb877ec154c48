using OtMz.Vision.Model;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// Rendered pictures turned into front-end features, per split: by the model's own front-end graph in ONNX Runtime,
/// or, for the default model, by <see cref="Model.DefaultFrontEndFeatures"/>, the same features in managed code
/// (so the build does not depend on the CPU's kernels). The unlabelled split keeps its
/// true labels only for <see cref="Evaluate"/>; <see cref="StyleTrainer"/> is given its features alone.
/// </summary>
public sealed class StyleTrainingSet
{
    private StyleTrainingSet(StyleDataPlan plan, StyleSplit train, StyleSplit heldOut, StyleSplit unlabelled, StyleSplit photoHeldOut)
    {
        Plan = plan;
        Train = train;
        HeldOut = heldOut;
        Unlabelled = unlabelled;
        PhotoHeldOut = photoHeldOut;
    }

    public StyleDataPlan Plan { get; }

    /// <summary>Labelled outfits the head is fitted on.</summary>
    public StyleSplit Train { get; }

    /// <summary>Labelled outfits never trained on.</summary>
    public StyleSplit HeldOut { get; }

    /// <summary>Garment photos used unlabelled for self-training; their labels serve evaluation only.</summary>
    public StyleSplit Unlabelled { get; }

    /// <summary>Garment photos used for nothing but evaluation.</summary>
    public StyleSplit PhotoHeldOut { get; }

    /// <summary>Renders every picture of <paramref name="plan"/> and extracts its features by running the graph <paramref name="frontEnd"/>.</summary>
    public static StyleTrainingSet Render(byte[] frontEnd, StyleDataPlan plan)
    {
        ArgumentNullException.ThrowIfNull(frontEnd);
        using var extractor = new OnnxFeatureExtractor(frontEnd);
        return Render(extractor, plan);
    }

    /// <summary>Renders every picture of <paramref name="plan"/> and extracts its features with <paramref name="extractor"/>.</summary>
    internal static StyleTrainingSet Render(StyleFeatureExtractor extractor, StyleDataPlan plan)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(plan);
        var seed = plan.Seed;
        var first = 0;
        StyleSplit Split(string name, int count, bool photos)
        {
            var start = first;
            first += count;
            var features = extractor.Extract(count, i => photos ? SyntheticLooks.RenderPhoto(seed, start + i) : SyntheticLooks.RenderOutfit(seed, start + i));
            var labels = new bool[count][];
            Parallel.For(0, count, i => labels[i] = SyntheticLooks.Labels(SyntheticLooks.LookOf(seed, start + i)));
            return new StyleSplit(name, features, labels);
        }

        var train = Split("train", plan.Train, photos: false);
        var heldOut = Split("held-out", plan.HeldOut, photos: false);
        var unlabelled = Split("unlabelled photos", plan.Unlabelled, photos: true);
        var photoHeldOut = Split("held-out photos", plan.PhotoHeldOut, photos: true);
        return new StyleTrainingSet(plan, train, heldOut, unlabelled, photoHeldOut);
    }

    /// <summary>The styles whose share of positive labels in <see cref="Train"/> is below <paramref name="share"/>.</summary>
    public IReadOnlyList<int> MinorityStyles(float share = 0.03f)
    {
        var minority = new List<int>();
        for (var s = 0; s < StyleModelContract.StyleCount; s++)
        {
            var positives = Train.Labels.Count(l => l[s]);
            if (positives < share * Train.Count)
            {
                minority.Add(s);
            }
        }

        return minority;
    }

    public StyleEvaluation Evaluate(StyleHead head, IReadOnlyList<int>? minority = null)
    {
        minority ??= MinorityStyles();
        return new StyleEvaluation(
            StyleMetrics.Evaluate(head, HeldOut, minority),
            StyleMetrics.Evaluate(head, Unlabelled, minority),
            StyleMetrics.Evaluate(head, PhotoHeldOut, minority));
    }
}
