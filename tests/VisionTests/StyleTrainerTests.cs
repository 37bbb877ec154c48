using System.Globalization;
using OtMz.Vision.Model;
using OtMz.VisionTrainer.Training;
using Xunit.Abstractions;

namespace OtMz.VisionTests;

[Collection(StyleModelCollection.Name)]
public sealed class StyleTrainerTests(StyleModelFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void ClassWeightingRaisesMinorityStyleRecallOverAnUnweightedRun()
    {
        // Same rendered data, same seed, neither run self-trained: only the loss differs.
        var data = fixture.Build.Data;
        var minority = fixture.Build.MinorityStyles;
        var weighted = fixture.Build.BeforeSelfTraining.HeldOut;
        var unweighted = data.Evaluate(fixture.Unweighted.Head, minority).HeldOut;
        output.WriteLine($"minority styles (< 3 % of training labels): {string.Join(", ", minority.Select(StyleTaxonomy.KeyOf))}");
        output.WriteLine($"weighted:   {weighted}");
        output.WriteLine($"unweighted: {unweighted}");

        Assert.NotEmpty(minority);
        Assert.True(weighted.MinorityRecall >= unweighted.MinorityRecall + 0.15f,
            $"Minority recall weighted {weighted.MinorityRecall:F4} vs unweighted {unweighted.MinorityRecall:F4}.");
        Assert.True(weighted.MacroF1 > unweighted.MacroF1, $"Macro F1 weighted {weighted.MacroF1:F4} vs unweighted {unweighted.MacroF1:F4}.");
    }

    [Fact]
    public void SelfTrainingRaisesAccuracyOnTheUnlabelledPhotoDomain()
    {
        var build = fixture.Build;
        var before = build.BeforeSelfTraining;
        var after = build.Final;
        for (var round = 0; round < build.Evaluations.Count; round++)
        {
            var e = build.Evaluations[round];
            output.WriteLine($"round {round}: unlabelled {e.Unlabelled}");
            output.WriteLine($"         held-out photos {e.PhotoHeldOut}");
            output.WriteLine($"         held-out outfits {e.HeldOut}");
            if (round > 0)
            {
                output.WriteLine($"         {build.Training.PseudoLabels[round - 1]}");
            }
        }

        Assert.Equal(3, build.Evaluations.Count);
        Assert.True(after.Unlabelled.Top1Accuracy >= before.Unlabelled.Top1Accuracy + 0.05f,
            $"Top-1 on the unlabelled photos before {before.Unlabelled.Top1Accuracy:F4}, after {after.Unlabelled.Top1Accuracy:F4}.");

        // Photos the self-training never saw improve too: the head adapted to the domain, not to those pictures.
        Assert.True(after.PhotoHeldOut.Top1Accuracy >= before.PhotoHeldOut.Top1Accuracy + 0.05f,
            $"Top-1 on held-out photos before {before.PhotoHeldOut.Top1Accuracy:F4}, after {after.PhotoHeldOut.Top1Accuracy:F4}.");
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        var options = DefaultStyleModel.TrainerOptions() with { SelfTrainingRounds = 0, Epochs = 5 };
        var data = fixture.Build.Data;
        var first = StyleTrainer.Train(data.Train, [], options).Head;
        var second = StyleTrainer.Train(data.Train, [], options).Head;
        foreach (var features in data.HeldOut.Features.Take(50))
        {
            Assert.Equal(first.Logits(features), second.Logits(features));
        }
    }

    [Fact]
    public void PositiveWeightsAreNegativesOverPositivesClipped()
    {
        var labels = fixture.Build.Data.Train.Labels;
        var weights = fixture.Build.Training.PositiveWeights;
        for (var s = 0; s < StyleTaxonomy.Count; s++)
        {
            var positives = labels.Count(l => l[s]);
            var expected = positives == 0 ? 1f : Math.Clamp((float)(labels.Length - positives) / positives, 1f, 50f);
            Assert.Equal(expected, weights[s], 5);
        }

        output.WriteLine(string.Join(", ", weights.Select((w, s) => string.Create(CultureInfo.InvariantCulture, $"{StyleTaxonomy.KeyOf(s)} {w:F2}"))));
    }
}
