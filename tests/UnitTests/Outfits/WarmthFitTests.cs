using OtMz.Grains.Outfits;

namespace OtMz.UnitTests.Outfits;

public class WarmthFitTests
{
    [Theory]
    [InlineData(35, 1)]
    [InlineData(30, 1)]
    [InlineData(20, 3.5)]
    [InlineData(17.5, 4.25)]
    [InlineData(15, 5)]
    [InlineData(0, 8)]
    [InlineData(-15, 10)]
    [InlineData(-30, 10)]
    public void TheTargetFollowsTheDocumentedTable(float temperature, float target) =>
        Assert.Equal(target, WarmthFit.Target(temperature, 0), 3);

    [Fact]
    public void RainAddsHalfAStep() =>
        Assert.Equal(WarmthFit.Target(10, 0) + WarmthFit.RainExtraWarmth, WarmthFit.Target(10, 5), 3);

    [Fact]
    public void TheTargetNeverRisesWithTheTemperature()
    {
        for (var t = -20f; t < 40; t += 0.5f)
        {
            Assert.True(WarmthFit.Target(t + 0.5f, 0) <= WarmthFit.Target(t, 0));
        }
    }

    [Fact]
    public void LayersOnTheTargetFitBestAndMissesFitLess()
    {
        Assert.Equal(1f, WarmthFit.LayerFit(5, 5));
        Assert.True(WarmthFit.LayerFit(6, 5) > WarmthFit.LayerFit(8, 5));
        Assert.Equal(WarmthFit.LayerFit(3, 5), WarmthFit.LayerFit(7, 5), 5);
    }

    [Fact]
    public void OnARainyDayAnOuterAndClosedShoesScoreMore()
    {
        var dressed = WarmthFit.Score(8, hasOuter: true, GarmentWarmth.Medium, "sneakers", 5, 10);
        var noOuter = WarmthFit.Score(8, hasOuter: false, GarmentWarmth.Medium, "sneakers", 5, 10);
        var sandals = WarmthFit.Score(8, hasOuter: true, GarmentWarmth.Medium, "sandals", 5, 10);
        Assert.True(dressed > noOuter);
        Assert.True(dressed > sandals);
        Assert.Equal(WarmthFit.Score(8, true, 2, "sneakers", 5, 0), WarmthFit.Score(8, false, 2, "sneakers", 5, 0));
    }

    [Theory]
    [InlineData(GarmentSlot.OnePiece, 2, 4)]
    [InlineData(GarmentSlot.Top, 2, 2)]
    [InlineData(GarmentSlot.Outer, 4, 4)]
    [InlineData(GarmentSlot.Shoes, 3, 0)]
    [InlineData(GarmentSlot.Bag, 2, 0)]
    public void AOnePieceCountsTwiceAndShoesAndBagsNotAtAll(GarmentSlot slot, int warmth, int layers) =>
        Assert.Equal(layers, WarmthFit.LayerWarmth(slot, warmth));
}
