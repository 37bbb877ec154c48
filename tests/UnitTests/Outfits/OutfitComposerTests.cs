using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;
using static OtMz.UnitTests.Outfits.Closets;

namespace OtMz.UnitTests.Outfits;

public class OutfitComposerTests
{
    [Fact]
    public void AnEmptyClosetGivesNoOutfitsAndSaysWhy()
    {
        var result = OutfitComposer.Compose(Request([]));
        Assert.Empty(result.Outfits);
        Assert.Contains("closet is empty", result.EmptyReason);
    }

    [Fact]
    public void AClosetWithoutBottomsOrOnePiecesSaysWhatIsMissing()
    {
        var result = OutfitComposer.Compose(Request([Item("t", GarmentSlot.Top, "shirt"), Item("s", GarmentSlot.Shoes, "sneakers")]));
        Assert.Empty(result.Outfits);
        Assert.StartsWith("No available top and bottom, or one-piece", result.EmptyReason);
        Assert.Contains("the closet has no bottom", result.EmptyReason);
        Assert.Contains("the closet has no one-piece", result.EmptyReason);
    }

    [Fact]
    public void BottomsInTheLaundryAreNamed()
    {
        var result = OutfitComposer.Compose(Request([
            Item("t", GarmentSlot.Top, "shirt"),
            Item("b1", GarmentSlot.Bottom, "jeans", availability: Availability.Laundry),
            Item("b2", GarmentSlot.Bottom, "pants", availability: Availability.Stored),
        ]));
        Assert.Contains("no bottom can be worn today (1 in the laundry, 1 stored away)", result.EmptyReason);
    }

    [Fact]
    public void ACoolDayWithoutAnOuterSaysSo()
    {
        var result = OutfitComposer.Compose(Request([Item("t", GarmentSlot.Top, "shirt"), Item("b", GarmentSlot.Bottom, "jeans")], temperature: 9));
        Assert.Empty(result.Outfits);
        Assert.Contains("below 15 °C an outfit needs an outer", result.EmptyReason);
        Assert.Contains("the closet has no outer", result.EmptyReason);
    }

    [Fact]
    public void AFrostyDayWithOnlyALightOuterSaysItIsTooLight()
    {
        var result = OutfitComposer.Compose(Request(
            [Item("t", GarmentSlot.Top, "shirt"), Item("b", GarmentSlot.Bottom, "jeans"), Item("j", GarmentSlot.Outer, "jacket")], temperature: -4));
        Assert.Contains("needs a coat or a padding", result.EmptyReason);
        Assert.Contains("1 too light below 0 °C", result.EmptyReason);
    }

    [Fact]
    public void SummerOnlyPiecesInTheColdAreNamed()
    {
        var result = OutfitComposer.Compose(Request([Item("t", GarmentSlot.Top, "top"), Item("b", GarmentSlot.Bottom, "jeans")], temperature: 16));
        Assert.Contains("summer-only", result.EmptyReason);
    }

    [Theory]
    [InlineData(-8)]
    [InlineData(5)]
    [InlineData(14)]
    public void ColdDaysGetAnOuterAndFrostAHeavyOne(float temperature)
    {
        var result = OutfitComposer.Compose(Request(Basic(), temperature));
        Assert.NotEmpty(result.Outfits);
        Assert.All(result.Outfits, o =>
        {
            var outer = Assert.Single(o.Items, i => i.Slot == GarmentSlot.Outer);
            if (temperature < 0)
            {
                Assert.Equal("coat", outer.Category);
            }

            Assert.DoesNotContain(o.Items, i => i.Category == "sandals");
        });
    }

    [Fact]
    public void AHotDryDayGetsNoOuter() =>
        Assert.All(OutfitComposer.Compose(Request(Basic(), 28)).Outfits, o => Assert.DoesNotContain(o.Items, i => i.Slot == GarmentSlot.Outer));

    [Fact]
    public void AMildRainyDayGetsAnOuterAndClosedShoes()
    {
        var closet = Basic();
        closet.Add(Item("o3", GarmentSlot.Outer, "cardigan", Colour.Gray));
        var best = OutfitComposer.Compose(Request(closet, 18, rain: 8)).Outfits[0];
        Assert.Contains(best.Items, i => i.Slot == GarmentSlot.Outer);
        Assert.Contains(best.Items, i => i.Category == "sneakers");
    }

    [Fact]
    public void ShoesAndABagAreAddedWhenTheClosetHasThem()
    {
        var result = OutfitComposer.Compose(Request(Basic(), 22));
        Assert.All(result.Outfits, o =>
        {
            Assert.Single(o.Items, i => i.Slot == GarmentSlot.Shoes);
            Assert.Single(o.Items, i => i.Slot == GarmentSlot.Bag);
        });
    }

    [Fact]
    public void ItemsComeInSlotOrderAndTheIdIsTheItemsHash()
    {
        foreach (var outfit in OutfitComposer.Compose(Request(Basic(), 5)).Outfits)
        {
            var slots = outfit.Items.Select(i => i.Slot!.Value).ToArray();
            Assert.Equal(slots.Order(), slots);
            Assert.Equal(OutfitId.Of(outfit.Ids().Reverse()), outfit.Id);
            Assert.Matches("^outfit-[0-9a-f]{16}$", outfit.Id);
        }
    }

    [Fact]
    public void TheSameRequestGivesTheSameOutfitsWhateverTheClosetsOrder()
    {
        var closet = DemoCloset.Generate(300, 7);
        var request = Request(closet, 8, 2, Occasion.Work, k: 8) with { Taste = Taste("modern") };
        var first = OutfitComposer.Compose(request);
        var again = OutfitComposer.Compose(request);
        var shuffled = OutfitComposer.Compose(request with { Items = [.. closet.Reverse()] });
        Assert.Equal(8, first.Outfits.Length);
        Assert.Equal(first.Outfits.Select(o => (o.Id, o.Score)), again.Outfits.Select(o => (o.Id, o.Score)));
        Assert.Equal(first.Outfits.Select(o => (o.Id, o.Score)), shuffled.Outfits.Select(o => (o.Id, o.Score)));
        Assert.Equal(first.Outfits.Select(o => o.Reasons.Select(r => r.Text)), again.Outfits.Select(o => o.Reasons.Select(r => r.Text)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TopKOutfitsDifferInTheirBaseAndSpreadTheirClothes(int seed)
    {
        var outfits = OutfitComposer.Compose(Request(DemoCloset.Generate(120, seed), 12, k: 10)).Outfits;
        Assert.Equal(10, outfits.Length);
        Assert.Equal(outfits.Length, outfits.Select(o => o.Id).Distinct().Count());
        var bases = outfits.Select(o => string.Join(",", o.Items.Where(i => i.Slot is GarmentSlot.Top or GarmentSlot.Bottom or GarmentSlot.OnePiece).Select(i => i.Id)));
        Assert.Equal(outfits.Length, bases.Distinct().Count());

        // Diversity: no single top or bottom is in more than half of them.
        var clothes = outfits.SelectMany(o => o.Items.Where(i => i.Slot is GarmentSlot.Top or GarmentSlot.Bottom)).GroupBy(i => i.Id);
        Assert.All(clothes, g => Assert.True(g.Count() <= outfits.Length / 2, $"{g.Key} is in {g.Count()} outfits"));
    }

    [Fact]
    public void ScoresComeBestFirstBeforeDiversityAndReasonsAreAtMostThreeStrongestFirst()
    {
        var request = Request(DemoCloset.Generate(200, 4), 3, 4, Occasion.Date, k: 6) with { Taste = Taste("feminine") };
        var outfits = OutfitComposer.Compose(request).Outfits;
        Assert.True(outfits[0].Score >= outfits.Skip(1).Max(o => o.Score));
        string[] kinds = ["style", "colour", "weather", "occasion", "fresh", "repeat", "liked"];
        Assert.All(outfits, o =>
        {
            Assert.InRange(o.Reasons.Length, 0, OutfitReasons.MaxReasons);
            Assert.All(o.Reasons, r => Assert.Contains(r.Kind, kinds));
            Assert.Equal(o.Reasons.OrderByDescending(r => MathF.Abs(r.Contribution)).Select(r => r.Text), o.Reasons.Select(r => r.Text));
        });
        Assert.Contains(outfits, o => o.Reasons.Length > 0);
    }

    [Fact]
    public void TheOccasionPrefersItsCategories()
    {
        List<ClosetItem> closet =
        [
            Item("t-shirt", GarmentSlot.Top, "shirt", Colour.White, "classic"),
            Item("t-hood", GarmentSlot.Top, "hoodie", Colour.White, "classic"),
            Item("b-pants", GarmentSlot.Bottom, "pants", Colour.Black, "classic"),
            Item("b-jog", GarmentSlot.Bottom, "jogger pants", Colour.Black, "classic"),
        ];
        var work = OutfitComposer.Compose(Request(closet, 18, occasion: Occasion.Work)).Outfits[0];
        var workout = OutfitComposer.Compose(Request(closet, 18, occasion: Occasion.Workout)).Outfits[0];
        Assert.Equal(["t-shirt", "b-pants"], work.Ids());
        Assert.Equal(["t-hood", "b-jog"], workout.Ids());
        Assert.Contains(work.Reasons, r => r.Kind == "occasion" && r.Key == "work");
    }

    [Fact]
    public void TheTasteAndTheStylesCoherencePickMatchingPieces()
    {
        List<ClosetItem> closet =
        [
            Item("t-classic", GarmentSlot.Top, "shirt", Colour.White, "classic"),
            Item("t-street", GarmentSlot.Top, "shirt", Colour.White, "street"),
            Item("b-classic", GarmentSlot.Bottom, "pants", Colour.Black, "classic"),
            Item("b-street", GarmentSlot.Bottom, "pants", Colour.Black, "street"),
        ];
        var best = OutfitComposer.Compose(Request(closet) with { Taste = Taste("classic") }).Outfits[0];
        Assert.Equal(["t-classic", "b-classic"], best.Ids());
        Assert.Contains(best.Reasons, r => r.Kind == "style" && r.Key == "classic");
    }

    [Fact]
    public void AClashingColourLosesToAHarmoniousOne()
    {
        List<ClosetItem> closet =
        [
            Item("t", GarmentSlot.Top, "shirt", Colour.Pink),
            Item("b-orange", GarmentSlot.Bottom, "pants", Colour.Orange),
            Item("b-white", GarmentSlot.Bottom, "pants", Colour.White),
        ];
        var best = OutfitComposer.Compose(Request(closet)).Outfits[0];
        Assert.Equal(["t", "b-white"], best.Ids());
        Assert.Contains(best.Reasons, r => r.Kind == "colour");
    }

    [Fact]
    public void APieceWornYesterdayGivesWayToOneNotWornLately()
    {
        List<ClosetItem> closet =
        [
            Item("t", GarmentSlot.Top, "shirt"),
            Item("b-worn", GarmentSlot.Bottom, "pants").Worn(Day.AddDays(-1)),
            Item("b-rested", GarmentSlot.Bottom, "pants"),
        ];
        var outfits = OutfitComposer.Compose(Request(closet)).Outfits;
        Assert.Equal(["t", "b-rested"], outfits[0].Ids());
        Assert.Contains(outfits[1].Reasons, r => r.Kind == "fresh" && r.Contribution < 0 && r.Text.Contains("yesterday"));
    }

    [Fact]
    public void ACombinationWornLatelyIsHeldDown()
    {
        List<ClosetItem> closet =
        [
            Item("t1", GarmentSlot.Top, "shirt"),
            Item("t2", GarmentSlot.Top, "shirt"),
            Item("b1", GarmentSlot.Bottom, "pants"),
            Item("b2", GarmentSlot.Bottom, "pants"),
        ];
        // Worn 20 days ago: each piece is fresh again, but the combination is still recent.
        var request = Request(closet) with { History = [new WornOutfit(["t1", "b1"], Day.AddDays(-20))] };
        var outfits = OutfitComposer.Compose(request).Outfits;
        var repeated = Assert.Single(outfits, o => o.Ids().SequenceEqual(["t1", "b1"]));
        Assert.True(repeated.Terms.Novelty < 1);
        Assert.NotEqual(repeated, outfits[0]);
        Assert.Contains(repeated.Reasons, r => r.Kind == "repeat" && r.Text == "You wore this outfit 20 days ago");
    }

    [Fact]
    public void KOutOfRangeIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutfitComposer.Compose(Request(Basic(), k: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutfitComposer.Compose(Request(Basic(), k: OutfitComposer.MaxK + 1)));
    }

    [Fact]
    public void UnknownWeatherUsesTheDocumentedDefault()
    {
        var unknown = OutfitComposer.Compose(Request(Basic(), temperature: null, rain: null));
        var mild = OutfitComposer.Compose(Request(Basic(), temperature: WarmthFit.DefaultTemperatureC, rain: 0));
        Assert.Equal(mild.Outfits.Select(o => o.Id), unknown.Outfits.Select(o => o.Id));
        var nonsense = OutfitComposer.Compose(Request(Basic(), temperature: float.NaN, rain: float.PositiveInfinity));
        Assert.Equal(mild.Outfits.Select(o => o.Id), nonsense.Outfits.Select(o => o.Id));
    }

    [Fact]
    public void ASmallClosetGivesAsManyOutfitsAsItHasBases()
    {
        var outfits = OutfitComposer.Compose(Request(Basic(), 22, k: 10)).Outfits;
        Assert.Equal(4, outfits.Length);
    }
}
