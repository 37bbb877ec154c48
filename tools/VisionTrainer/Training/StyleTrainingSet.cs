using OtMz.Vision.Model;

namespace OtMz.VisionTrainer.Training;

/// <summary>
/// Rendered pictures turned into front-end features, per split. The features come from running the model's own
/// front-end graph in ONNX Runtime, so training and serving see identical numbers. The unlabelled split keeps its
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

    /// <summary>Renders every picture of <paramref name="plan"/> and extracts its features with <paramref name="frontEnd"/>.</summary>
    public static StyleTrainingSet Render(byte[] frontEnd, StyleDataPlan plan)
    {
        ArgumentNullException.ThrowIfNull(frontEnd);
        ArgumentNullException.ThrowIfNull(plan);
        using var extractor = new StyleFeatureExtractor(frontEnd);
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
