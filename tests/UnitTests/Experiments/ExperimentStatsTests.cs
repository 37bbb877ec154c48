using OtMz.Grains.Experiments;

namespace OtMz.UnitTests.Experiments;

public class ExperimentStatsTests
{
    [Fact]
    public void TheWilsonIntervalMatchesThePublishedFormula()
    {
        // 10 of 100: Wilson 95 % is [0.0552, 0.1744] (Newcombe 1998, table I's method 3 gives the same).
        var (rate, low, high) = ExperimentStats.Wilson(10, 100);

        Assert.Equal(0.1, rate, 12);
        Assert.Equal(0.0552, low, 4);
        Assert.Equal(0.1744, high, 4);
        Assert.Equal((0.0, 0.0, 1.0), ExperimentStats.Wilson(0, 0));
        Assert.True(ExperimentStats.Wilson(0, 50).Low == 0 && ExperimentStats.Wilson(50, 50).High == 1);
    }

    [Fact]
    public void TheMeanDwellHasTheNormalIntervalOfItsSampleVariance()
    {
        // Values 0, 0, 3, 5 (seconds): mean 2, sample variance (0 + 0 + 9 + 25 − 4·4) / 3 = 6.
        var (mean, low, high, variance) = ExperimentStats.Mean(8, 34, 4);

        Assert.Equal(2, mean, 12);
        Assert.Equal(6, variance, 12);
        Assert.Equal(ExperimentStats.Z * Math.Sqrt(6 / 4.0), high - mean, 12);
        Assert.Equal(mean - low, high - mean, 12);
    }

    [Fact]
    public void ADifferenceIntervalHoldsTheDifferenceAndExcludesZeroOnlyForAClearGap()
    {
        var clear = ExperimentStats.Differences(new VariantCounts(Impressions: 2000, Likes: 400), new VariantCounts(Impressions: 2000, Likes: 200));
        var noise = ExperimentStats.Differences(new VariantCounts(Impressions: 100, Likes: 11), new VariantCounts(Impressions: 100, Likes: 10));

        var likes = clear.Single(d => d.Metric == "likes");
        Assert.Equal(0.1, likes.Value, 12);
        Assert.True(likes.Low > 0 && likes.High > likes.Value, $"{likes}");
        Assert.Equal("newcombe", likes.Method);
        var small = noise.Single(d => d.Metric == "likes");
        Assert.True(small.Low < 0 && small.High > 0, $"{small}");
        Assert.Equal("welch", clear.Single(d => d.Metric == ExperimentStats.Dwell).Method);
    }
}
