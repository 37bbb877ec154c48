using OtMz.VisionTrainer.Cutouts;

namespace OtMz.VisionTests;

/// <summary>
/// A slice of the remover's measurement (docs/vision.md; the full run is <c>VisionTrainer cutouts</c>): the first
/// pictures of the same seeded set, with floors a little under what the remover measures on them, so a change that
/// makes cutouts worse fails here.
/// </summary>
public class CutoutBenchmarkTests
{
    private const int Slice = 48;

    private static readonly Lazy<List<CutoutResult>> Results =
        new(() => CutoutBenchmark.Run(new PlainBackgroundRemover(), Slice, CutoutBenchmark.DefaultSeed));

    [Fact]
    public void TheSeparablePicturesAreCutOutCloseToTheirTrueMasks()
    {
        var separable = IoUSummary.Of("separable", [.. Results.Value.Where(r => r.Kind != SceneKind.Faint)]);

        Assert.True(separable.Median >= 0.98, $"median IoU {separable.Median:F3}");
        Assert.True(separable.P10 >= 0.95, $"p10 IoU {separable.P10:F3}");
        Assert.True(separable.Min >= 0.9, $"min IoU {separable.Min:F3}");
        Assert.True(separable.Mean >= 0.975, $"mean IoU {separable.Mean:F3}");
    }

    [Fact]
    public void EveryKindIsInTheSliceAndNoneFallsBelowItsFloor()
    {
        foreach (var kind in Enum.GetValues<SceneKind>().Where(k => k != SceneKind.Faint))
        {
            var summary = IoUSummary.Of(kind.ToString(), [.. Results.Value.Where(r => r.Kind == kind)]);
            Assert.True(summary.Count >= 5, $"{kind}: {summary.Count} pictures");
            Assert.True(summary.Median >= 0.97, $"{kind}: median IoU {summary.Median:F3}");
        }
    }

    [Fact]
    public void NoBadCutoutIsTrustedSilently()
    {
        var silent = Results.Value.Where(r => r.IoU < 0.8 && !r.Uncertain).Select(r => $"#{r.Index} {r.Kind} {r.Shape}: {r.IoU:F3}").ToList();

        Assert.Empty(silent);
    }

    [Fact]
    public void TheSetIsTheSameOnEveryRun()
    {
        var first = CutoutScenes.Render(17, CutoutBenchmark.DefaultSeed);
        var again = CutoutScenes.Render(17, CutoutBenchmark.DefaultSeed);
        var other = CutoutScenes.Render(17, CutoutBenchmark.DefaultSeed + 1);

        Assert.Equal(first.Rgba, again.Rgba);
        Assert.Equal(first.Truth, again.Truth);
        Assert.NotEqual(first.Rgba, other.Rgba);
    }
}
