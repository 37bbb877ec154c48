using OtMz.Grains.Outfits;
using static OtMz.UnitTests.Outfits.Closets;

namespace OtMz.UnitTests.Outfits;

public class OutfitCompleteTests
{
    private static OutfitPiece Piece(ClosetItem item) => OutfitPiece.FromItem(item);

    [Fact]
    public void ATopGetsBottomsShoesAndABagBestFirst()
    {
        var closet = Basic();
        var top = closet.Single(i => i.Id == "t1");
        var result = OutfitComposer.Complete(Request(closet, 22), [Piece(top)]);
        Assert.Null(result.Problem);
        Assert.Equal([GarmentSlot.Bottom, GarmentSlot.Shoes, GarmentSlot.Bag], result.Slots.Select(s => s.Slot));
        Assert.All(result.Slots, s =>
        {
            Assert.NotEmpty(s.Suggestions);
            Assert.Equal(s.Suggestions.OrderByDescending(x => x.Score).Select(x => x.Score), s.Suggestions.Select(x => x.Score));
            Assert.All(s.Suggestions, x => Assert.Equal(s.Slot, x.Piece.Slot));
        });
    }

    [Fact]
    public void ACoolDayAsksForAHeavyEnoughOuterAndSkipsSummerPieces()
    {
        var closet = Basic();
        var result = OutfitComposer.Complete(Request(closet, -3), [Piece(closet.Single(i => i.Id == "t2"))]);
        var outer = Assert.Single(result.Slots, s => s.Slot == GarmentSlot.Outer);
        Assert.Equal(["o1"], outer.Suggestions.Select(s => s.Piece.Id));
        var shoes = Assert.Single(result.Slots, s => s.Slot == GarmentSlot.Shoes);
        Assert.DoesNotContain(shoes.Suggestions, s => s.Piece.Category == "sandals");
    }

    [Fact]
    public void ItemsThatAreNotAvailableAreNeverSuggested()
    {
        List<ClosetItem> closet = [Item("t", GarmentSlot.Top, "shirt"), Item("b", GarmentSlot.Bottom, "jeans", availability: Availability.Laundry)];
        var bottom = Assert.Single(OutfitComposer.Complete(Request(closet), [Piece(closet[0])]).Slots, s => s.Slot == GarmentSlot.Bottom);
        Assert.Empty(bottom.Suggestions);
        Assert.Equal("No bottom can be worn today (1 in the laundry).", bottom.EmptyReason);
    }

    [Fact]
    public void AOnePieceNeedsNoTopOrBottom()
    {
        var dress = Item("d", GarmentSlot.OnePiece, "dress");
        var result = OutfitComposer.Complete(Request([dress, .. Basic()], 25), [Piece(dress)]);
        Assert.DoesNotContain(result.Slots, s => s.Slot is GarmentSlot.Top or GarmentSlot.Bottom or GarmentSlot.OnePiece);
    }

    [Fact]
    public void OnlyShoesOpenTheTopTheBottomAndTheOnePiece()
    {
        var closet = Basic();
        var result = OutfitComposer.Complete(Request(closet, 25), [Piece(closet.Single(i => i.Id == "s1"))]);
        Assert.Equal([GarmentSlot.Top, GarmentSlot.Bottom, GarmentSlot.OnePiece, GarmentSlot.Bag], result.Slots.Select(s => s.Slot));
    }

    [Fact]
    public void TwoTopsOrAOnePieceWithATopAreAProblem()
    {
        var closet = Basic();
        var twoTops = OutfitComposer.Complete(Request(closet), [Piece(closet[0]), Piece(closet[1])]);
        Assert.Contains("at most one top", twoTops.Problem);
        Assert.Empty(twoTops.Slots);
        var both = OutfitComposer.Complete(Request(closet), [Piece(closet[0]), Piece(Item("d", GarmentSlot.OnePiece, "dress"))]);
        Assert.Contains("not both", both.Problem);
        Assert.NotNull(OutfitComposer.Complete(Request(closet), []).Problem);
    }

    [Fact]
    public void ACatalogGarmentCanBeTheFixedPieceAndMatchingStylesComeFirst()
    {
        List<ClosetItem> closet =
        [
            Item("b-classic", GarmentSlot.Bottom, "pants", Colour.Black, "classic"),
            Item("b-sporty", GarmentSlot.Bottom, "pants", Colour.Black, "sporty"),
        ];
        var garment = new Garment(GarmentSlot.Top, "shirt", Colour.White);
        var style = StyleVector.Create(Taste("classic"));
        var result = OutfitComposer.Complete(Request(closet), [OutfitPiece.FromGarment(garment, style, "look-0000001/1")]);
        var bottom = Assert.Single(result.Slots, s => s.Slot == GarmentSlot.Bottom);
        Assert.Equal(["b-classic", "b-sporty"], bottom.Suggestions.Select(s => s.Piece.Id));
        Assert.Contains(bottom.Suggestions[0].Reasons, r => r.Kind == "style" && r.Key == "classic");
        Assert.Same(closet[0], bottom.Suggestions[0].Piece.Item);
    }

    [Fact]
    public void CatalogCandidatesCanFillTheGaps()
    {
        var top = Item("t", GarmentSlot.Top, "shirt", Colour.White, "classic");
        OutfitPiece[] catalog =
        [
            OutfitPiece.FromGarment(new Garment(GarmentSlot.Bottom, "skirt", Colour.Navy), StyleVector.Create(Taste("classic")), "look-1/2"),
            OutfitPiece.FromGarment(new Garment(GarmentSlot.Bottom, "jeans", Colour.Neon), StyleVector.Create(Taste("hiphop")), "look-2/2"),
        ];
        var result = OutfitComposer.Complete(Request([top]), [Piece(top)], catalog, perSlot: 1);
        var bottom = Assert.Single(result.Slots, s => s.Slot == GarmentSlot.Bottom);
        Assert.Equal("look-1/2", Assert.Single(bottom.Suggestions).Piece.Id);
    }

    [Fact]
    public void EvaluateScoresAGivenOutfitAsComposeDoes()
    {
        var request = Request(Basic(), 5);
        var best = OutfitComposer.Compose(request).Outfits[0];
        var (score, terms) = OutfitComposer.Evaluate(request, [.. best.Items.Select(OutfitPiece.FromItem)]);
        Assert.Equal(best.Score, score, 5);
        Assert.Equal(best.Terms, terms);
    }
}
