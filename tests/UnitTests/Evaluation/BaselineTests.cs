using OtMz.Evaluation;
using OtMz.Grains;
using OtMz.Grains.Demo;

namespace OtMz.UnitTests.Evaluation;

public class BaselineTests
{
    private static readonly CatalogTruth Catalog = new(DemoCatalog.Generate(3_000, 42), Season.Spring);

    [Fact]
    public void TheOriginalRuleAveragesOnALikeAndIgnoresTheRest()
    {
        float[] taste = [1, 0, 0];
        float[] look = [0, 1, 0];
        Baselines.Apply(Baselines.Original, taste, new Reaction(0, SignalType.Like), look);
        Assert.Equal([0.5f, 0.5f, 0f], taste);
        Baselines.Apply(Baselines.Original, taste, new Reaction(0, SignalType.Dwell, DwellMs: 30_000), [0, 0, 1]);
        Baselines.Apply(Baselines.Original, taste, new Reaction(0, SignalType.Dislike), [1, 0, 0]);
        Assert.Equal([0.5f, 0.5f, 0f], taste);
    }

    [Fact]
    public void TheMovingAverageMovesByFifteenPercentTimesTheDwellWeight()
    {
        float[] taste = [1, 0];
        Baselines.Apply(Baselines.MovingAverage, taste, new Reaction(0, SignalType.Like), [0, 1]);
        Assert.Equal(0.85f, taste[0], 5);
        Assert.Equal(0.15f, taste[1], 5);

        taste = [1, 0];
        Baselines.Apply(Baselines.MovingAverage, taste, new Reaction(0, SignalType.Dwell, DwellMs: 5_000), [0, 1]);
        Assert.Equal(0.15f * OtMz.Grains.Taste.TasteModel.DwellWeight(5_000), taste[1], 5);

        taste = [1, 0];
        Baselines.Apply(Baselines.MovingAverage, taste, new Reaction(0, SignalType.Dwell, DwellMs: 400), [0, 1]);
        Baselines.Apply(Baselines.MovingAverage, taste, new Reaction(0, SignalType.Skip), [0, 1]);
        Assert.Equal([1f, 0f], taste);
    }

    [Fact]
    public void TopKIsTheBruteForceOrderOfTheEligibleLooks()
    {
        var truth = new UserTruth(UserFactory.Create(1, 9), Catalog);
        var taste = new float[StyleTaxonomy.Count];
        taste[4] = 0.8f;
        taste[10] = 0.3f;
        var unit = VectorMath.Normalized(taste);
        var expected = truth.Ordered
            .OrderByDescending(l => VectorMath.Dot(unit, Catalog.Unit(l)))
            .ThenBy(l => l)
            .Take(20);
        Assert.Equal(expected, Baselines.TopK(truth, taste, 20));
    }

    [Fact]
    public void ARunStartsFromTheStrongestStyleAndIsReproducible()
    {
        var truth = new UserTruth(UserFactory.Create(4, 2), Catalog);
        var run = Baselines.Run(Baselines.MovingAverage, truth, 3, 20);
        Assert.Equal(3, run.Rounds.Count);
        Assert.Equal(truth.User.StrongestStyle, CatalogTruth.ArgMax(run.Rounds[0].LearnedTaste));
        var again = Baselines.Run(Baselines.MovingAverage, truth, 3, 20);
        Assert.Equal(run.Rounds.Select(r => r.Shown), again.Rounds.Select(r => r.Shown));
    }
}
