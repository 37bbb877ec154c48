using OtMz.Evaluation;
using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;

namespace OtMz.UnitTests.Evaluation;

public class OutfitFillInTheBlankTests
{
    private static readonly Look[] Catalog = DemoCatalog.Generate(3000, 42);

    [Theory]
    [InlineData(DistractorPolicy.Plausible)]
    [InlineData(DistractorPolicy.SameStyle)]
    public void QuestionsOfferTheTruthAmongThreeDistinctGarmentsOfItsSlot(DistractorPolicy policy)
    {
        var questions = OutfitFillInTheBlank.Questions(Catalog, 200, 42, policy);
        Assert.Equal(200, questions.Count);
        Assert.All(questions, q =>
        {
            Assert.Equal(OutfitFillInTheBlank.Options, q.Options.Length);
            Assert.All(q.Options, o => Assert.Equal(q.Slot, o.Slot));
            Assert.Equal(q.Options.Length, q.Options.Select(o => (o.Category, o.Colours[0].Colour)).Distinct().Count());
            Assert.StartsWith(q.Look.Id + "/", q.Options[0].Id);
            Assert.All(q.Options.Skip(1), o => Assert.DoesNotContain(q.Look.Id + "/", o.Id));
            Assert.Equal(q.Look.Garments.Length - 1, q.Fixed.Length);
        });
    }

    [Fact]
    public void TheComposerPicksTheHiddenGarmentWellAboveChanceAndRepeatsItself()
    {
        var questions = OutfitFillInTheBlank.Questions(Catalog, 300, 42, DistractorPolicy.Plausible);
        var composer = OutfitFillInTheBlank.PickRate(questions, ComposerWeights.Default);
        Assert.True(composer > 0.5, $"pick rate {composer}");
        Assert.Equal(composer, OutfitFillInTheBlank.PickRate(OutfitFillInTheBlank.Questions(Catalog, 300, 42, DistractorPolicy.Plausible), ComposerWeights.Default));
    }

    [Fact]
    public void AScoringThatCannotTellTheOptionsApartGetsChance()
    {
        var questions = OutfitFillInTheBlank.Questions(Catalog, 100, 42, DistractorPolicy.Plausible);
        // Freshness is the same for every catalog garment: every question is a four-way tie.
        var fresh = new ComposerWeights(0, 0, 0, 0, 0, 1, 0, 0);
        Assert.Equal(0.25, OutfitFillInTheBlank.PickRate(questions, fresh), 6);
    }

    [Fact]
    public void GarmentStylesFollowTheLookButDiffer()
    {
        var look = Catalog[0];
        var a = OutfitFillInTheBlank.GarmentStyle(look, 0, 0, 42);
        var b = OutfitFillInTheBlank.GarmentStyle(look, 0, 1, 42);
        Assert.NotEqual(a.ToArray(), b.ToArray());
        Assert.True(OtMz.Grains.VectorMath.Cosine(a.Values, look.StyleVector.Values) > 0.8);
        Assert.Equal(a.ToArray(), OutfitFillInTheBlank.GarmentStyle(look, 0, 0, 42).ToArray());
    }
}
