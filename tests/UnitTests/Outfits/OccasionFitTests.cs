using OtMz.Grains.Outfits;

namespace OtMz.UnitTests.Outfits;

public class OccasionFitTests
{
    [Theory]
    [InlineData(Occasion.Work, "shirt", "hoodie")]
    [InlineData(Occasion.Workout, "leggings", "jeans")]
    [InlineData(Occasion.Party, "dress", "jogger pants")]
    [InlineData(Occasion.Date, "blouse", "backpack")]
    [InlineData(Occasion.Travel, "sneakers", "heels")]
    [InlineData(Occasion.Daily, "t-shirt", "clutch")]
    public void EachOccasionPrefersSomeCategoriesToOthers(Occasion occasion, string good, string poor) =>
        Assert.True(OccasionFit.Category(occasion, good) > OccasionFit.Category(occasion, poor));

    [Fact]
    public void UnnamedCategoriesAreNeutral()
    {
        Assert.Equal(OccasionFit.Neutral, OccasionFit.Category(Occasion.Daily, "vest"));
        Assert.Equal(OccasionFit.Neutral, OccasionFit.Category(Occasion.Work, null));
    }

    [Fact]
    public void EveryTableEntryIsAKnownCategoryOrStyle()
    {
        var categories = GarmentVocabulary.CategoriesBySlot.Values.SelectMany(c => c).ToHashSet();
        foreach (var occasion in Enum.GetValues<Occasion>())
        {
            Assert.All(OccasionFit.Styles(occasion), key => Assert.True(StyleTaxonomy.TryGetIndex(key, out _)));
            Assert.All(categories, c => Assert.InRange(OccasionFit.Category(occasion, c), 0f, 1f));
        }
    }

    [Fact]
    public void AStyleOnTheOccasionsListScoresOneAndOneOffItZero()
    {
        var sporty = new float[StyleTaxonomy.Count];
        sporty[StyleTaxonomy.TryGetIndex("sporty", out var s) ? s : -1] = 1;
        Assert.Equal(1f, OccasionFit.Style(Occasion.Workout, sporty));
        Assert.Equal(0f, OccasionFit.Style(Occasion.Work, sporty));
    }
}
