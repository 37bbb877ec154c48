using OtMz.Grains;
using OtMz.Grains.Taste;

namespace OtMz.UnitTests;

public class TasteModelTests
{
    private const float A = 0.15f;

    private static float[] Unit(params (int Index, float Value)[] entries)
    {
        var v = new float[StyleTaxonomy.Count];
        foreach (var (i, x) in entries)
        {
            v[i] = x;
        }

        return VectorMath.Normalized(v);
    }

    [Fact]
    public void ALikeMovesTheTasteTowardsTheLook()
    {
        var taste = TasteModel.Neutral();
        var look = Unit((4, 1f), (5, 0.5f));
        var before = VectorMath.Cosine(taste, look);
        TasteModel.Nudge(taste, look, A);
        Assert.True(VectorMath.Cosine(taste, look) > before);
    }

    [Fact]
    public void ADislikeMovesTheTasteAwayFromTheLook()
    {
        var taste = Unit((4, 1f), (22, 1f), (10, 0.5f));
        var look = Unit((22, 1f));
        var before = VectorMath.Cosine(taste, look);
        TasteModel.Repel(taste, look, 0.15f);
        Assert.True(VectorMath.Cosine(taste, look) < before);
    }

    [Fact]
    public void ASkipMovesLessThanADislike()
    {
        var look = Unit((22, 1f));
        var skipped = Unit((4, 1f), (22, 1f));
        var disliked = Unit((4, 1f), (22, 1f));
        TasteModel.Repel(skipped, look, 0.05f);
        TasteModel.Repel(disliked, look, 0.15f);
        Assert.True(VectorMath.Cosine(disliked, look) < VectorMath.Cosine(skipped, look));
        Assert.True(VectorMath.Cosine(skipped, look) < VectorMath.Cosine(Unit((4, 1f), (22, 1f)), look));
    }

    [Theory]
    [InlineData(0, 0f)]
    [InlineData(30_000, 1f)]
    [InlineData(600_000, 1f)]
    public void DwellWeightFollowsTheLogCurve(int ms, float expected) =>
        Assert.Equal(expected, TasteModel.DwellWeight(ms), 4);

    [Fact]
    public void ALongerDwellMovesTheTasteFurther()
    {
        var look = Unit((16, 1f));
        var glance = TasteModel.Neutral();
        var study = TasteModel.Neutral();
        TasteModel.Nudge(glance, look, A * TasteModel.DwellWeight(1_000));
        TasteModel.Nudge(study, look, A * TasteModel.DwellWeight(20_000));
        Assert.True(VectorMath.Cosine(study, look) > VectorMath.Cosine(glance, look));
        Assert.True(TasteModel.DwellWeight(1_000) < 0.25f);
    }

    [Fact]
    public void EverySignalMovesTheTasteByABoundedAmountAndNeverToNaN()
    {
        var rng = new Random(7);
        var taste = TasteModel.Neutral();
        for (var step = 0; step < 5_000; step++)
        {
            var look = new float[StyleTaxonomy.Count];
            for (var i = 0; i < look.Length; i++)
            {
                look[i] = rng.NextDouble() < 0.2 ? (float)rng.NextDouble() : 0f;
            }

            look[rng.Next(look.Length)] += 0.5f;
            look = VectorMath.Normalized(look);
            var before = (float[])taste.Clone();
            switch (step % 3)
            {
                case 0: TasteModel.Nudge(taste, look, A); break;
                case 1: TasteModel.Repel(taste, look, 0.15f); break;
                default: TasteModel.Repel(taste, look, 0.05f); break;
            }

            Assert.All(taste, x => Assert.True(float.IsFinite(x) && x >= 0));
            Assert.Equal(1f, VectorMath.Norm(taste), 3);
            // A unit taste moved by at most the step times a unit look, then renormalised, moves at most ~2·step.
            Assert.True(VectorMath.Distance(before, taste) <= 2 * 0.15f + 1e-4f, $"step {step} moved {VectorMath.Distance(before, taste)}");
        }
    }

    [Fact]
    public void RepellingTheOnlyStyleLeavesTheTasteWhereItWas()
    {
        var taste = Unit((22, 1f));
        TasteModel.Repel(taste, Unit((22, 1f)), 1f);
        Assert.Equal(Unit((22, 1f)), taste);
    }

    [Fact]
    public void ColourBlendingIsAMovingAverage()
    {
        var affinity = new float[21];
        var navy = new float[21];
        navy[(int)Colour.Navy] = 1;
        TasteModel.BlendColours(affinity, navy, 0.2f);
        TasteModel.BlendColours(affinity, navy, 0.2f);
        Assert.Equal(0.36f, affinity[(int)Colour.Navy], 5);
        Assert.Equal(0f, affinity[(int)Colour.Red]);
    }

    [Fact]
    public void DebiasingShrinksStreetAndLiftsARareStyle()
    {
        var streetPunk = new float[StyleTaxonomy.Count];
        streetPunk[22] = 0.9f;
        streetPunk[20] = 0.3f;
        var raw = VectorMath.Normalized(streetPunk);
        var debiased = StylePrior.Debias(streetPunk, 0.5f);
        Assert.True(debiased[22] < raw[22]);
        Assert.True(debiased[20] > raw[20]);
        Assert.Equal(1f, VectorMath.Norm(debiased), 4);
    }

    [Fact]
    public void LikingTypicalLooksDoesNotDriftTheTasteToStreetAsMuchAsTheRawPrior()
    {
        var looks = Grains.Demo.DemoCatalog.Generate(2_000, seed: 3);
        var corrected = TasteModel.Neutral();
        var uncorrected = TasteModel.Neutral();
        foreach (var look in looks.Take(300))
        {
            TasteModel.Nudge(corrected, StylePrior.Debias(look.StyleVector.Values, 0.5f), A);
            TasteModel.Nudge(uncorrected, VectorMath.Normalized(look.StyleVector.Values), A);
        }

        var street = 22;
        Assert.True(corrected[street] < uncorrected[street] * 0.8f, $"corrected {corrected[street]} vs uncorrected {uncorrected[street]}");
    }
}
