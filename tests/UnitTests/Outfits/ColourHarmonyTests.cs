using System.Collections.Immutable;
using OtMz.Grains.Outfits;

namespace OtMz.UnitTests.Outfits;

public class ColourHarmonyTests
{
    private static ImmutableArray<PaletteEntry> P(Colour c) => [new PaletteEntry(c, 1f)];

    private static ColourVerdict Score(params Colour[] colours) => ColourHarmony.Score(colours.Select(P));

    [Theory]
    [InlineData(Colour.Black)]
    [InlineData(Colour.White)]
    [InlineData(Colour.Gray)]
    [InlineData(Colour.Beige)]
    [InlineData(Colour.Navy)]
    [InlineData(Colour.Brown)]
    [InlineData(Colour.Khaki)]
    [InlineData(Colour.Silver)]
    public void TheNeutralsAreTheDocumentedEight(Colour neutral)
    {
        Assert.True(ColourHarmony.IsNeutral(neutral));
        Assert.Null(ColourHarmony.HueOf(neutral));
        Assert.Equal(8, Enum.GetValues<Colour>().Count(ColourHarmony.IsNeutral));
    }

    [Theory]
    [InlineData(Colour.Red, Colour.Green, ColourRelation.Complementary)]
    [InlineData(Colour.Orange, Colour.Blue, ColourRelation.Complementary)]
    [InlineData(Colour.Yellow, Colour.Purple, ColourRelation.Complementary)]
    [InlineData(Colour.Red, Colour.Orange, ColourRelation.Analogous)]
    [InlineData(Colour.Blue, Colour.Green, ColourRelation.Analogous)]
    [InlineData(Colour.Red, Colour.Wine, ColourRelation.Tonal)]
    [InlineData(Colour.Blue, Colour.Skyblue, ColourRelation.Tonal)]
    [InlineData(Colour.Pink, Colour.Mint, ColourRelation.Pastel)]
    [InlineData(Colour.Pink, Colour.Orange, ColourRelation.Clash)]
    [InlineData(Colour.Neon, Colour.Green, ColourRelation.Clash)]
    [InlineData(Colour.Red, Colour.Blue, ColourRelation.Triadic)]
    public void AccentsRelateByTheirPlaceOnThePaintersWheel(Colour a, Colour b, ColourRelation relation)
    {
        Assert.Equal(relation, ColourHarmony.Relate(a, b));
        Assert.Equal(relation, ColourHarmony.Relate(b, a));
    }

    [Fact]
    public void NeutralsDoNotRelateOnTheWheel() =>
        Assert.Throws<ArgumentException>(() => ColourHarmony.Relate(Colour.Black, Colour.Red));

    [Fact]
    public void OneAccentOnNeutralsScoresBestAndAClashWorst()
    {
        var oneAccent = Score(Colour.Black, Colour.Red, Colour.White);
        var neutral = Score(Colour.Black, Colour.White);
        var complementary = Score(Colour.Red, Colour.Green);
        var clash = Score(Colour.Pink, Colour.Orange);
        Assert.Equal(1f, oneAccent.Score);
        Assert.Equal(ColourRelation.OneAccent, oneAccent.Relation);
        Assert.Contains("red", oneAccent.Text);
        Assert.True(neutral.Score > clash.Score && complementary.Score > clash.Score);
        Assert.Equal(ColourRelation.Clash, clash.Relation);
        Assert.Contains("clash", clash.Text);
    }

    [Fact]
    public void EachAccentBeyondTheMaximumCosts()
    {
        var two = Score(Colour.Blue, Colour.Green);
        var three = Score(Colour.Blue, Colour.Green, Colour.Skyblue);
        Assert.Equal(2, ColourHarmony.MaxAccents);
        Assert.Equal(two.Score - ColourHarmony.ExtraAccentPenalty, three.Score, 3);
        Assert.Contains("3 accent colours", three.Text);
    }

    [Fact]
    public void TheWorstPairNamesTheRelation() =>
        Assert.Equal(ColourRelation.Clash, Score(Colour.Red, Colour.Orange, Colour.Neon).Relation);

    [Fact]
    public void TrimBelowTheMainWeightIsNotAColour()
    {
        ImmutableArray<PaletteEntry> shirt = [new(Colour.White, 0.9f), new(Colour.Orange, 0.1f)];
        var verdict = ColourHarmony.Score([shirt, P(Colour.Pink)]);
        Assert.Equal(ColourRelation.OneAccent, verdict.Relation);
    }

    [Fact]
    public void ScoresStayInTheUnitInterval()
    {
        var all = Enum.GetValues<Colour>();
        foreach (var a in all)
        {
            foreach (var b in all)
            {
                var score = Score(a, b, Colour.Neon, Colour.Pink).Score;
                Assert.InRange(score, 0f, 1f);
            }
        }
    }
}
