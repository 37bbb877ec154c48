using OtMz.Grains;
using OtMz.Grains.Taste;
using OtMz.Grains.Users;

namespace OtMz.UnitTests;

/// <summary>The direction learnt from which looks a user studied longer than which, and how the ranking blends it in.</summary>
public class PairwiseTasteTests
{
    private static float[] Unit(params (int Index, float Value)[] styles)
    {
        var v = new float[StyleTaxonomy.Count];
        foreach (var (i, x) in styles)
        {
            v[i] = x;
        }

        return VectorMath.Normalized(v);
    }

    private static float Lead(float[] direction, float[] a, float[] b) => VectorMath.Dot(direction, a) - VectorMath.Dot(direction, b);

    [Fact]
    public void AMisorderedPairMovesTheDirectionUntilTheLongerStudiedLookLeadsByTheMargin()
    {
        var loved = Unit((3, 1f), (7, 0.5f));
        var passed = Unit((3, 1f), (12, 0.5f));
        var direction = Unit((12, 1f));
        Assert.True(Lead(direction, loved, passed) < 0);

        for (var batch = 0; batch < 10; batch++)
        {
            PairwiseTaste.Learn(direction, [(0.9f, loved), (0.2f, passed)], rate: 1f);
        }

        Assert.True(Lead(direction, loved, passed) >= PairwiseTaste.Margin, $"lead {Lead(direction, loved, passed)}");
    }

    [Fact]
    public void LooksHeldAlikeOrAlreadyInOrderMoveNothing()
    {
        var a = Unit((3, 1f));
        var b = Unit((12, 1f));
        var direction = Unit((3, 1f));
        var before = (float[])direction.Clone();

        PairwiseTaste.Learn(direction, [(0.55f, b), (0.5f, a)], rate: 1f);
        PairwiseTaste.Learn(direction, [(0.9f, a), (0.1f, b)], rate: 1f);

        Assert.Equal(before, direction);
    }

    [Fact]
    public void TheBlendIsTheTasteWhenOffAndOtherwiseAUnitVectorLeaningTowardsTheDirectionsPositivePart()
    {
        var taste = Unit((3, 1f));
        var direction = new float[StyleTaxonomy.Count];
        direction[7] = 2f;
        direction[12] = -5f;

        Assert.Same(taste, PairwiseTaste.Blend(taste, direction, 0f));
        Assert.Same(taste, PairwiseTaste.Blend(taste, null, 3f));
        Assert.Same(taste, PairwiseTaste.Blend(taste, new float[StyleTaxonomy.Count], 3f));
        var blended = PairwiseTaste.Blend(taste, direction, 3f);
        Assert.Equal(1f, VectorMath.Norm(blended), 4);
        Assert.Equal(0f, blended[12]);
        Assert.True(blended[7] > blended[3], $"{blended[7]} vs {blended[3]}");
    }

    [Fact]
    public void ABatchTeachesTheUserStatesDirectionByDefaultAndNothingWhenTheWeightIsZero()
    {
        var loved = new Look("look-a", "a", null, Gender.Unisex, [Season.Spring], [Occasion.Daily], 5, 20, [new PaletteEntry(Colour.Gray, 1f)], [],
            StyleVector.Create(Unit((3, 1f), (7, 0.5f))));
        var passed = loved with { Id = "look-b", StyleVector = StyleVector.Create(Unit((3, 1f), (12, 0.5f))) };
        var looks = new Dictionary<string, Look> { [loved.Id] = loved, [passed.Id] = passed };
        Signal[] batch = [new("s1", SignalType.Dwell, loved.Id, DwellMs: 20_000), new("s2", SignalType.Skip, passed.Id)];

        var off = new UserState { Taste = Unit((12, 1f)) };
        TasteUpdate.LearnPairs(off, batch, looks, new TasteOptions { PairwiseWeight = 0f });
        Assert.Null(off.Pairwise);

        var on = new UserState { Taste = Unit((12, 1f)) };
        TasteUpdate.LearnPairs(on, batch, looks, new TasteOptions());
        Assert.NotNull(on.Pairwise);
        var (a, b) = (VectorMath.Normalized(loved.StyleVector.Values), VectorMath.Normalized(passed.StyleVector.Values));
        Assert.True(Lead(on.Pairwise, a, b) > Lead(on.Taste!, a, b), "the dwelt-on look gained on the skipped one");
        Assert.Equal(Unit((12, 1f)), on.Taste);
    }
}
