using OtMz.Grains.Outfits;
using static OtMz.UnitTests.Outfits.Closets;

namespace OtMz.UnitTests.Outfits;

public class OutfitHardRulesTests
{
    private static readonly ClosetItem Top = Item("t", GarmentSlot.Top, "shirt");
    private static readonly ClosetItem Bottom = Item("b", GarmentSlot.Bottom, "pants");

    [Fact]
    public void ATopAndABottomOnAWarmDayBreakNothing() =>
        Assert.Empty(OutfitHardRules.Violations([Top, Bottom], 22));

    [Theory]
    [InlineData(Availability.Laundry, "laundry")]
    [InlineData(Availability.Stored, "stored")]
    public void AnItemThatIsNotAvailableIsAViolation(Availability availability, string why) =>
        Assert.Contains(OutfitHardRules.Violations([Top with { Availability = availability }, Bottom], 22), v => v.Contains(why));

    [Fact]
    public void ASummerOnlyPieceIsAViolationBelow18()
    {
        var tank = Item("x", GarmentSlot.Top, "top");
        Assert.Equal(GarmentWarmth.SummerOnly, tank.Warmth);
        Assert.Empty(OutfitHardRules.Violations([tank, Bottom], GarmentWarmth.SummerOnlyFromC));
        Assert.Contains(OutfitHardRules.Violations([tank, Bottom], 17.9f), v => v.Contains("summer-only"));
        Assert.Contains(OutfitHardRules.Violations([Top, Bottom, Item("s", GarmentSlot.Shoes, "sandals")], 10), v => v.Contains("summer-only"));
    }

    [Fact]
    public void ACorrectedWarmthCounts() =>
        Assert.Contains(OutfitHardRules.Violations([Top with { WarmthCorrected = 0 }, Bottom], 17), v => v.Contains("summer-only"));

    [Fact]
    public void BelowFifteenAnOuterIsNeededAndBelowFreezingAHeavyOne()
    {
        var jacket = Item("j", GarmentSlot.Outer, "jacket");
        var coat = Item("c", GarmentSlot.Outer, "coat");
        Assert.Contains(OutfitHardRules.Violations([Top, Bottom], 14.5f), v => v.Contains("needs an outer"));
        Assert.Empty(OutfitHardRules.Violations([jacket, Top, Bottom], 14.5f));
        Assert.Contains(OutfitHardRules.Violations([jacket, Top, Bottom], -1), v => v.Contains("coat"));
        Assert.Empty(OutfitHardRules.Violations([coat, Top, Bottom], -10));
        Assert.Empty(OutfitHardRules.Violations([jacket with { WarmthCorrected = GarmentWarmth.Heavy }, Top, Bottom], -10));
    }

    [Fact]
    public void ADoubledSlotOrAMissingBaseIsAViolation()
    {
        Assert.Contains(OutfitHardRules.Violations([Top, Top with { Id = "t2" }, Bottom], 20), v => v.Contains("at most one top"));
        Assert.Contains(OutfitHardRules.Violations([Top], 20), v => v.Contains("top and a bottom"));
    }

    [Fact]
    public void AnItemWithoutASlotIsAViolation() =>
        Assert.Contains(OutfitHardRules.Violations([Top, Bottom, Item("n", null, null)], 20), v => v.Contains("no slot"));
}
