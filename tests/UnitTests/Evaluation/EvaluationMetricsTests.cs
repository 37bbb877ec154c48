using OtMz.Evaluation;

namespace OtMz.UnitTests.Evaluation;

/// <summary>The harness's metric functions on lists whose answers are worked out by hand.</summary>
public class EvaluationMetricsTests
{
    [Fact]
    public void PrecisionCountsRelevantPlacesOverK()
    {
        Assert.Equal(0.5, Metrics.PrecisionAt([1, 2, 3, 4], l => l % 2 == 0, 4));
        Assert.Equal(0.25, Metrics.PrecisionAt([2, 4, 6, 8, 10], l => l == 2, 4));
    }

    [Fact]
    public void PrecisionCountsTheEmptyPlacesOfAShortListAsMisses()
    {
        Assert.Equal(0.1, Metrics.PrecisionAt([7, 8], l => l == 7, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.PrecisionAt([1], _ => true, 0));
    }

    [Fact]
    public void NdcgIsOneForTheIdealOrderAndLowerOtherwise()
    {
        Assert.Equal(1.0, Metrics.NdcgAt([3, 2, 1, 0], [0, 1, 2, 3], 4), 12);
        // Gains 2^g - 1 with a log2(i + 2) discount: [0, 3] scores 7 / log2 3 against the ideal [3, 0]'s 7.
        Assert.Equal(1 / Math.Log2(3), Metrics.NdcgAt([0, 3], [3, 0], 2), 12);
        Assert.True(Metrics.NdcgAt([1, 3, 2], [3, 2, 1], 3) < 1);
    }

    [Fact]
    public void NdcgIsZeroWhenNothingIsRelevant()
    {
        Assert.Equal(0, Metrics.NdcgAt([0, 0], [0, 0], 2));
        Assert.Equal(0, Metrics.NdcgAt([0, 0], [2, 1], 2));
    }

    [Fact]
    public void NdcgLooksOnlyAtTheFirstK()
    {
        Assert.Equal(1.0, Metrics.NdcgAt([3, 0, 3], [3, 3, 0], 1), 12);
    }

    [Fact]
    public void IntraListSimilarityIsTheMeanPairwiseCosine()
    {
        float[] x = [1, 0], y = [0, 1], d = [MathF.Sqrt(0.5f), MathF.Sqrt(0.5f)];
        Assert.Equal(1.0, Metrics.IntraListSimilarity([x, x, x]), 6);
        Assert.Equal(0.0, Metrics.IntraListSimilarity([x, y]), 6);
        // Pairs: x·y = 0, x·d = y·d = 0.7071.
        Assert.Equal(2 * Math.Sqrt(0.5) / 3, Metrics.IntraListSimilarity([x, y, d]), 5);
        Assert.Equal(0.0, Metrics.IntraListSimilarity([x]));
    }

    [Fact]
    public void CoverageIsDistinctLooksOverTheCatalog()
    {
        Assert.Equal(0.25, Metrics.Coverage(50, 200));
        Assert.Equal(1.0, Metrics.Coverage(300, 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.Coverage(1, 0));
    }

    [Fact]
    public void CosineIgnoresLengthAndIsZeroForAZeroVector()
    {
        Assert.Equal(1.0, Metrics.Cosine([1, 2, 3], [2, 4, 6]), 6);
        Assert.Equal(0.0, Metrics.Cosine([1, 0], [0, 5]), 6);
        Assert.Equal(0.0, Metrics.Cosine([0, 0], [1, 1]));
        Assert.Equal(0.6, Metrics.Cosine([3, 4], [1, 0]), 6);
    }

    [Fact]
    public void TopStyleHitAsksWhetherTheLearnedArgmaxIsATrueStyle()
    {
        var learned = new float[StyleTaxonomy.Count];
        learned[5] = 0.9f;
        learned[12] = 0.4f;
        Assert.True(Metrics.TopStyleHit(learned, [12, 5]));
        Assert.False(Metrics.TopStyleHit(learned, [12]));

        // A tie goes to the lower index, so the answer does not depend on the order of the true styles.
        learned[12] = 0.9f;
        Assert.True(Metrics.TopStyleHit(learned, [5]));
        Assert.False(Metrics.TopStyleHit(learned, [12]));
    }

    [Fact]
    public void ShareCountsTheMatchingLooks()
    {
        Assert.Equal(0.75, Metrics.Share([1, 2, 3, 4], l => l != 3));
        Assert.Equal(0.0, Metrics.Share([], _ => true));
    }
}
