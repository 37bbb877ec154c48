using System.Security.Cryptography;
using OtMz.TestShared;
using Xunit.Abstractions;

namespace OtMz.VisionTests;

[Collection(StyleModelCollection.Name)]
public sealed class DefaultStyleModelTests(StyleModelFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// SHA-256 of Vision/Models/otmz-style-default-v1.onnx. Change it only together with the file, after writing the
    /// file with `dotnet run --project tools/VisionTrainer -c Release` from the repository root (docs/vision-model.md).
    /// </summary>
    private const string CommittedSha256 = "D351B4E414C8AAFFB57CA37E01AF46821CB995DBC47333E03CBCB8D961BD127C";

    [Fact]
    public void TheCommittedModelIsPinnedAndShipsInTheBuildOutput()
    {
        var committed = File.ReadAllBytes(Repository.PathOf("Vision", "Models", DefaultStyleModelFile.FileName));
        Assert.Equal(CommittedSha256, Convert.ToHexString(SHA256.HashData(committed)));
        Assert.Equal(committed, File.ReadAllBytes(DefaultStyleModelFile.Path));
    }

    [Fact]
    public void RetrainingWithTheToolsCodeGivesTheCommittedBytes()
    {
        // The fixture trained in this process with tools/VisionTrainer's DefaultStyleModel, as the tool's command does.
        output.WriteLine($"build: {fixture.BuildTime.TotalSeconds:F2} s (render+extract {fixture.Build.RenderTime.TotalSeconds:F2} s, train {fixture.Build.TrainTime.TotalSeconds:F2} s)");
        Assert.Equal(CommittedSha256, Convert.ToHexString(SHA256.HashData(fixture.Build.Model)));
    }

    [Fact]
    public void WithNoModelConfiguredTheCommittedFileIsServed()
    {
        using var model = OnnxStyleModel.Open(new VisionOptions());
        Assert.Equal(DefaultStyleModelFile.Path, model.Info.Path);
        Assert.Equal(DefaultStyleModelFile.Name, model.Info.Name);
    }

    [Fact]
    public async Task DefaultModelRecognisesRenderedLooksAsWellAsMeasured()
    {
        // Served end to end: rendered held-out outfits go through OnnxStyleModel exactly as uploads would.
        var data = fixture.Build.Data;
        var plan = data.Plan;
        using var model = new OnnxStyleModel(fixture.DefaultPath);
        var pictures = Enumerable.Range(plan.Train, plan.HeldOut).Select(i => StyleTestImages.Outfit(plan.Seed, i)).ToArray();
        try
        {
            var probabilities = await model.PredictAsync(pictures);
            var served = StyleMetrics.Evaluate(probabilities, data.HeldOut.Labels, fixture.Build.MinorityStyles);
            var prior = PriorBaseline(data);
            output.WriteLine($"served:  {served}");
            output.WriteLine($"trainer: {fixture.Build.Final.HeldOut}");
            output.WriteLine($"prior-only ranking: top1={prior.Top1:F4} top3={prior.Top3:F4}");

            // The served figures are the trainer's: same front end, same preprocessing.
            Assert.Equal(fixture.Build.Final.HeldOut.MicroF1, served.MicroF1, 2);
            Assert.Equal(fixture.Build.Final.HeldOut.Top3Accuracy, served.Top3Accuracy, 2);

            // Measured on this seed: micro-F1 0.3722, top-3 0.7025, minority recall 0.2831 (see docs/vision-model.md).
            Assert.True(served.MicroF1 >= 0.30f, $"micro-F1 {served.MicroF1:F4}");
            Assert.True(served.Top3Accuracy >= 0.60f, $"top-3 {served.Top3Accuracy:F4}");
            Assert.True(served.MinorityRecall >= 0.20f, $"minority recall {served.MinorityRecall:F4}");
        }
        finally
        {
            foreach (var picture in pictures)
            {
                picture.Dispose();
            }
        }
    }

    [Fact]
    public void TheModelDeclaresWhatItIs()
    {
        using var model = new OnnxStyleModel(fixture.DefaultPath);
        Assert.Equal("otmz-style-default-v1", model.Info.Name);
        Assert.Equal("OtMz", model.Info.Producer);
        Assert.Equal((128, 128), (model.Info.InputHeight, model.Info.InputWidth));
        Assert.Equal(DefaultStyleModel.InputName, model.InputName);
        Assert.Equal(DefaultStyleModel.OutputName, model.OutputName);
        Assert.Contains("Never trained on real photographs", model.Description);
        output.WriteLine(model.Description);
    }

    /// <summary>Ranking every picture by the training labels' frequencies alone, the floor a model must beat.</summary>
    private static (float Top1, float Top3) PriorBaseline(StyleTrainingSet data)
    {
        var ranked = Enumerable.Range(0, StyleTaxonomy.Count).OrderByDescending(s => data.Train.Labels.Count(l => l[s])).ToArray();
        var top1 = data.HeldOut.Labels.Count(l => l[ranked[0]]) / (float)data.HeldOut.Count;
        var top3 = data.HeldOut.Labels.Count(l => ranked.Take(3).Any(s => l[s])) / (float)data.HeldOut.Count;
        return (top1, top3);
    }
}
