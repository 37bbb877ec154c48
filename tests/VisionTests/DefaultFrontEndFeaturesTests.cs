using Xunit.Abstractions;

namespace OtMz.VisionTests;

/// <summary>
/// The default model is trained on features computed in managed code (<see cref="DefaultFrontEndFeatures"/>) and
/// served by ONNX Runtime running the front-end graph; the two must agree, or the served head would see other
/// numbers than the ones it was fitted on.
/// </summary>
public sealed class DefaultFrontEndFeaturesTests(ITestOutputHelper output)
{
    [Fact]
    public void TheManagedFeaturesAreTheGraphsOnRenderedOutfitsAndPhotos()
    {
        const int Seed = 20_240_611, Count = 24;
        using var graph = new OnnxFeatureExtractor(DefaultStyleFrontEnd.FeatureModel());
        using var managed = new DefaultFrontEndFeatures();
        Assert.Equal(graph.FeatureCount, managed.FeatureCount);

        var worst = 0.0;
        foreach (Func<int, SkiaSharp.SKBitmap> render in new Func<int, SkiaSharp.SKBitmap>[] { i => SyntheticLooks.RenderOutfit(Seed, i), i => SyntheticLooks.RenderPhoto(Seed, i) })
        {
            var expected = graph.Extract(Count, render);
            var actual = managed.Extract(Count, render);
            for (var i = 0; i < Count; i++)
            {
                for (var f = 0; f < graph.FeatureCount; f++)
                {
                    var deviation = Math.Abs(expected[i][f] - actual[i][f]) / Math.Max(1, Math.Abs(expected[i][f]));
                    worst = Math.Max(worst, deviation);
                    Assert.True(deviation <= 1e-4, $"picture {i}, feature {f}: graph {expected[i][f]}, managed {actual[i][f]}");
                }
            }
        }

        output.WriteLine($"largest relative deviation: {worst:E2}");
    }
}
