using OtMz.Grains.Ads;
using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;

namespace OtMz.UnitTests;

public class OutfitCompletionAdsTests
{
    private static readonly AdCampaign Template = DemoCampaigns.Create()[0];

    private static StyleVector Style(int style, float rest = 0.05f) =>
        StyleVector.Create([.. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => i == style ? 1f : rest)]);

    private static OutfitPiece Piece(GarmentSlot slot, string category, Colour colour, int style = 0) =>
        OutfitPiece.FromGarment(new Garment(slot, category, colour), Style(style));

    private static readonly OutfitPiece[] TopAndBottom =
        [Piece(GarmentSlot.Top, "shirt", Colour.White), Piece(GarmentSlot.Bottom, "jeans", Colour.Blue)];

    private static (AdCampaign, Look) Linked(string id, GarmentSlot slot, string category, Colour colour, int style) =>
        (Template with { Id = id, LookId = $"look-{id}", ItemSlot = slot },
         new Look($"look-{id}", id, null, Gender.Unisex, [], [], -10, 30, [], [new Garment(slot, category, colour), new Garment(GarmentSlot.Top, "t-shirt", Colour.Black)], Style(style)));

    [Fact]
    public void AnOuterIsAGapOnlyWhenItIsCold()
    {
        Assert.Equal([GarmentSlot.Outer, GarmentSlot.Shoes], OutfitCompletionAds.Gaps(TopAndBottom, 5));
        Assert.Equal([GarmentSlot.Shoes], OutfitCompletionAds.Gaps(TopAndBottom, 20));
    }

    [Fact]
    public void BelowFreezingALightOuterLeavesTheOuterAGap()
    {
        OutfitPiece[] light = [.. TopAndBottom, Piece(GarmentSlot.Outer, "cardigan", Colour.Gray), Piece(GarmentSlot.Shoes, "sneakers", Colour.White)];
        OutfitPiece[] heavy = [.. TopAndBottom, Piece(GarmentSlot.Outer, "coat", Colour.Navy), Piece(GarmentSlot.Shoes, "sneakers", Colour.White)];
        Assert.Equal([GarmentSlot.Outer], OutfitCompletionAds.Gaps(light, -5));
        Assert.Empty(OutfitCompletionAds.Gaps(heavy, -5));
        Assert.Empty(OutfitCompletionAds.Gaps(light, 10));
    }

    [Fact]
    public void AOnePieceNeedsNeitherTopNorBottom()
    {
        Assert.Equal([GarmentSlot.Shoes], OutfitCompletionAds.Gaps([Piece(GarmentSlot.OnePiece, "dress", Colour.Red)], 20));
        Assert.Equal([GarmentSlot.Bottom, GarmentSlot.Shoes], OutfitCompletionAds.Gaps([Piece(GarmentSlot.Top, "shirt", Colour.White)], 20));
    }

    [Fact]
    public void TheBestFillsAGapAndIsCoherentInStyle()
    {
        var candidates = new[]
        {
            Linked("bag", GarmentSlot.Bag, "bag", Colour.Black, 0),
            Linked("far-style-coat", GarmentSlot.Outer, "coat", Colour.Navy, 9),
            Linked("coat", GarmentSlot.Outer, "coat", Colour.Navy, 0),
        };

        var best = OutfitCompletionAds.Best(TopAndBottom, 5, candidates, Style(0).Values)!.Value;

        Assert.Equal("coat", best.Campaign.Id);
        Assert.Equal(("completes", "outer"), (best.Ad.Reasons[0].Kind, best.Ad.Reasons[0].Key));
        Assert.Equal("Completes your outfit: a coat for 5 °C", best.Ad.Reasons[0].Text);
        Assert.True(best.Ad.Reasons.Length <= 3);
    }

    [Fact]
    public void ColourBreaksATieOfStyle()
    {
        OutfitPiece[] red = [Piece(GarmentSlot.Top, "shirt", Colour.Red), Piece(GarmentSlot.Bottom, "skirt", Colour.Black)];
        var candidates = new[] { Linked("green-coat", GarmentSlot.Outer, "coat", Colour.Green, 0), Linked("beige-coat", GarmentSlot.Outer, "coat", Colour.Beige, 0) };

        Assert.Equal("beige-coat", OutfitCompletionAds.Best(red, 5, candidates, Style(0).Values)!.Value.Campaign.Id);
    }

    [Fact]
    public void NothingCompletesAnOutfitWithoutGapsOrWithoutAFittingCampaign()
    {
        OutfitPiece[] whole = [.. TopAndBottom, Piece(GarmentSlot.Shoes, "sneakers", Colour.White)];
        Assert.Null(OutfitCompletionAds.Best(whole, 20, [Linked("coat", GarmentSlot.Outer, "coat", Colour.Navy, 0)], Style(0).Values));
        Assert.Null(OutfitCompletionAds.Best(TopAndBottom, 20, [Linked("coat", GarmentSlot.Outer, "coat", Colour.Navy, 0)], Style(0).Values));
    }
}
