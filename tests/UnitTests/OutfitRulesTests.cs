using OtMz.Grains.Outfits;

namespace OtMz.UnitTests;

public class OutfitRulesTests
{
    [Theory]
    [InlineData(GarmentSlot.Top, GarmentSlot.Bottom)]
    [InlineData(GarmentSlot.OnePiece)]
    [InlineData(GarmentSlot.Outer, GarmentSlot.OnePiece, GarmentSlot.Shoes, GarmentSlot.Bag)]
    [InlineData(GarmentSlot.Bottom, GarmentSlot.Outer, GarmentSlot.Top, GarmentSlot.Shoes, GarmentSlot.Accessory, GarmentSlot.Accessory)]
    public void ATopAndABottomOrAOnePieceMakeAnOutfitWithOptionalExtras(params GarmentSlot[] slots) =>
        Assert.Null(OutfitRules.SlotProblem(slots));

    [Theory]
    [InlineData("top and a bottom, or a one-piece")]
    [InlineData("top and a bottom, or a one-piece", GarmentSlot.Top)]
    [InlineData("top and a bottom, or a one-piece", GarmentSlot.Bottom, GarmentSlot.Outer, GarmentSlot.Shoes)]
    [InlineData("not both", GarmentSlot.OnePiece, GarmentSlot.Top, GarmentSlot.Bottom)]
    [InlineData("not both", GarmentSlot.OnePiece, GarmentSlot.Bottom)]
    [InlineData("at most one top", GarmentSlot.Top, GarmentSlot.Top, GarmentSlot.Bottom)]
    [InlineData("at most one outer", GarmentSlot.Outer, GarmentSlot.Outer, GarmentSlot.OnePiece)]
    [InlineData("at most one pair of shoes", GarmentSlot.Shoes, GarmentSlot.Shoes, GarmentSlot.OnePiece)]
    [InlineData("at most one bag", GarmentSlot.Bag, GarmentSlot.Bag, GarmentSlot.OnePiece)]
    public void OtherSetsOfSlotsAreNotOutfitsAndTheProblemSaysWhy(string why, params GarmentSlot[] slots) =>
        Assert.Contains(why, OutfitRules.SlotProblem(slots));

    [Theory]
    [InlineData(-20, true, true)]
    [InlineData(-1, true, true)]
    [InlineData(0, true, false)]
    [InlineData(14, true, false)]
    [InlineData(15, false, false)]
    [InlineData(30, false, false)]
    public void AnOuterIsNeededBelow15AndAHeavyOneBelowFreezing(int minTempC, bool outer, bool heavy)
    {
        Assert.Equal(outer, OutfitRules.NeedsOuter(minTempC));
        Assert.Equal(heavy, OutfitRules.NeedsHeavyOuter(minTempC));
    }

    [Theory]
    [InlineData("top", -1, false)]
    [InlineData("bra-top", -5, false)]
    [InlineData("top", 0, true)]
    [InlineData("knitwear", -5, true)]
    [InlineData("knitwear", 19, true)]
    [InlineData("knitwear", 20, false)]
    [InlineData("hoodie", 25, false)]
    [InlineData("t-shirt", 25, true)]
    public void BareTopsAreOutBelowFreezingAndWarmTopsFrom20(string top, int minTempC, bool suits) =>
        Assert.Equal(suits, OutfitRules.IsSuitableTop(top, minTempC));

    [Theory]
    [InlineData(-10, "knitwear")]
    [InlineData(10, "shirt")]
    [InlineData(25, "t-shirt")]
    public void ThePlainTopForATemperatureSuitsIt(int minTempC, string top)
    {
        Assert.Equal(top, OutfitRules.PlainTop(minTempC));
        Assert.True(OutfitRules.IsSuitableTop(top, minTempC));
    }

    [Fact]
    public void AnOutfitForTheWeatherHasTheLayersItNeeds()
    {
        Garment[] summer = [Top("t-shirt"), Bottom()];
        Assert.Null(OutfitRules.Problem(summer, 25));
        Assert.Contains("needs an outer", OutfitRules.Problem(summer, 10));

        Garment[] autumn = [Outer("jacket"), Top("shirt"), Bottom()];
        Assert.Null(OutfitRules.Problem(autumn, 10));
        Assert.Contains("not jacket", OutfitRules.Problem(autumn, -3));
        Assert.Null(OutfitRules.Problem([Outer("padding"), Top("knitwear"), Bottom()], -3));

        Assert.Contains("does not suit", OutfitRules.Problem([Top("hoodie"), Bottom()], 22));
        Assert.Contains("does not suit", OutfitRules.Problem([Outer("coat"), Top("bra-top"), Bottom()], -8));
        Assert.Contains("top and a bottom", OutfitRules.Problem([Outer("coat"), Bottom()], -8));
    }

    private static Garment Outer(string category) => new(GarmentSlot.Outer, category, Colour.Black);

    private static Garment Top(string category) => new(GarmentSlot.Top, category, Colour.White);

    private static Garment Bottom() => new(GarmentSlot.Bottom, "jeans", Colour.Blue);
}
