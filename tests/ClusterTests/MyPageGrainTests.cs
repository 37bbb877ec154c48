namespace OtMz.ClusterTests;

/// <summary>
/// The my page's closet parts from items with a history: what has not been worn for 30 days (by the last wear, or by
/// the adding for an item never worn), the days worn, and the wears, against the grain clock's today.
/// </summary>
[Collection(ClusterCollection.Name)]
public class MyPageGrainTests(ClusterFixture fixture)
{
    private static ClosetItem Item(string id, GarmentSlot? slot, Colour colour, DateTimeOffset createdAt, params DateOnly[] worn) =>
        new(id, slot, null, [new PaletteEntry(Colour.White, 0.2f), new PaletteEntry(colour, 0.8f)], StyleVector.Create([.. Enumerable.Repeat(1f, StyleTaxonomy.Count)]),
            $"img-{Guid.NewGuid():N}", $"img-{Guid.NewGuid():N}", createdAt, WornOn: [.. worn.OrderDescending()], WornCount: worn.Length);

    [Fact]
    public async Task ItemsUnwornForThirtyDaysAreListedLongestFirstAndWearDaysCountAsOutfits()
    {
        var userId = $"user-{Guid.NewGuid():N}";
        var closet = fixture.Grains.GetGrain<IClosetGrain>(userId);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var item in new[]
        {
            Item("never-worn-old", GarmentSlot.Top, Colour.Navy, now.AddDays(-45)),
            Item("worn-long-ago", GarmentSlot.Bottom, Colour.Navy, now.AddDays(-90), today.AddDays(-31), today.AddDays(-60)),
            Item("worn-lately", GarmentSlot.Bottom, Colour.Red, now.AddDays(-90), today.AddDays(-2), today.AddDays(-31)),
            Item("new", null, Colour.Red, now),
        })
        {
            Assert.Equal(ClosetFailure.None, (await closet.Add(item)).Failure);
        }

        var page = await fixture.Grains.GetGrain<IUserGrain>(userId).GetMyPage();

        Assert.Equal(["never-worn-old", "worn-long-ago"], page.NotWornLately.Select(u => u.Item.Id));
        Assert.Equal((null, 45), (page.NotWornLately[0].LastWorn, page.NotWornLately[0].DaysUnworn));
        Assert.Equal((today.AddDays(-31), 31), (page.NotWornLately[1].LastWorn, page.NotWornLately[1].DaysUnworn));
        // Three different days: -60, -31 (two items that day count once) and -2.
        Assert.Equal(3, page.Counts.OutfitsWorn);
        Assert.Equal(4, page.Counts.ItemWears);
        Assert.Equal(4, page.Counts.ClosetItems);
        // A tie goes in colour order, red before navy.
        Assert.Equal([new ColourCount(Colour.Red, 2), new ColourCount(Colour.Navy, 2)], page.Closet.ByColour.AsEnumerable());
        Assert.Equal(new SlotCount(null, 1), page.Closet.BySlot[^1]);
        Assert.Equal(2, page.Closet.BySlot.Single(s => s.Slot == GarmentSlot.Bottom).Count);
        Assert.Equal(4, page.StyleStat.ClosetItemCount);
        Assert.Equal(StyleTaxonomy.Count, page.StyleStat.Closet.Scores.Length);
    }
}
