using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;
using static OtMz.UnitTests.Outfits.Closets;

namespace OtMz.UnitTests.Outfits;

public class ComposerWeightsTests
{
    private static readonly OutfitTerms Average = new(0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0f);

    [Fact]
    public void TheScoreIsTheWeightedMeanOfTheTerms()
    {
        var w = ComposerWeights.Default;
        Assert.Equal(0.5f, w.Score(new OutfitTerms(0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f)), 5);
        Assert.Equal(w.Weather / w.Sum, w.Score(new OutfitTerms(0, 0, 0, 1, 0, 0, 0, 0)), 5);
    }

    [Fact]
    public void ALikeRaisesTheTermsTheOutfitWonOnAndLowersTheOnesItLostOn()
    {
        var liked = Average with { Colour = 0.9f, Weather = 0.2f };
        var after = ComposerWeights.Default.Update(liked, [liked, Average, Average], liked: true);
        Assert.True(after.Colour > ComposerWeights.Default.Colour);
        Assert.True(after.Weather < ComposerWeights.Default.Weather);
        Assert.Equal(ComposerWeights.Default.Taste, after.Taste);
    }

    [Fact]
    public void ADislikeMovesTheOtherWay()
    {
        var disliked = Average with { Colour = 0.9f };
        var after = ComposerWeights.Default.Update(disliked, [disliked, Average], liked: false);
        Assert.True(after.Colour < ComposerWeights.Default.Colour);
    }

    [Fact]
    public void WeightsStayWithinTheirBounds()
    {
        var liked = new OutfitTerms(1, 1, 1, 1, 1, 1, 1, 1);
        var worst = new OutfitTerms(0, 0, 0, 0, 0, 0, 0, -1);
        var up = ComposerWeights.Default;
        var down = ComposerWeights.Default;
        for (var i = 0; i < 50; i++)
        {
            up = up.Update(liked, [liked, worst], liked: true);
            down = down.Update(liked, [liked, worst], liked: false);
        }

        for (var t = 0; t < OutfitTerms.Count; t++)
        {
            Assert.Equal(ComposerWeights.Default.Get(t) * ComposerWeights.MaxFactor, up.Get(t), 4);
            Assert.Equal(ComposerWeights.Default.Get(t) * ComposerWeights.MinFactor, down.Get(t), 4);
        }
    }

    [Fact]
    public void AnEmptyListLeavesTheWeights() =>
        Assert.Same(ComposerWeights.Default, ComposerWeights.Default.Update(Average, [], liked: true));

    [Fact]
    public void ALikedCombinationRanksHigherAfterTheLike()
    {
        var request = Request(DemoCloset.Generate(150, 11), 10, 0, Occasion.Daily, k: 10);
        var before = OutfitComposer.Compose(request).Outfits;
        var liked = before[^1];

        var weights = ComposerWeights.Default.Update(liked.Terms, [.. before.Select(o => o.Terms)], liked: true);
        var feedback = new OutfitFeedback([[.. liked.Ids()]], []);
        var after = OutfitComposer.Compose(request with { Weights = weights, Feedback = feedback }).Outfits;

        var place = after.Select(o => o.Id).ToList().IndexOf(liked.Id);
        Assert.InRange(place, 0, before.Length - 2);
        var again = Assert.Single(after, o => o.Id == liked.Id);
        Assert.True(again.Terms.Feedback > 0);
        Assert.Contains(again.Reasons, r => r.Kind == "liked" && r.Contribution > 0);
    }

    [Fact]
    public void ADislikedCombinationFallsOut()
    {
        var request = Request(DemoCloset.Generate(150, 12), 20, 0, null, k: 5);
        var before = OutfitComposer.Compose(request).Outfits;
        var disliked = before[0];
        var weights = ComposerWeights.Default.Update(disliked.Terms, [.. before.Select(o => o.Terms)], liked: false);
        var after = OutfitComposer.Compose(request with { Weights = weights, Feedback = new OutfitFeedback([], [[.. disliked.Ids()]]) }).Outfits;
        Assert.NotEqual(disliked.Id, after[0].Id);
    }
}
