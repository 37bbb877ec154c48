namespace OtMz.ClusterTests;

/// <summary>
/// The my page's closet parts from items with a history: what has not been worn for 30 days (by the last wear, or by
/// the adding for an item never worn), the outfits reported worn and the items' wears, against the grain clock's today.
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
            Item("new-top", GarmentSlot.Top, Colour.Red, now),
        })
        {
            Assert.Equal(ClosetFailure.None, (await closet.Add(item)).Failure);
        }

        // Two reports of what was worn (one repeated), on top of the items' older logs.
        foreach (var wear in new[] { new OutfitWear("w-1", ["new-top", "worn-lately"], today), new OutfitWear("w-1", ["new-top", "worn-lately"], today), new OutfitWear("w-2", ["never-worn-old", "worn-long-ago"], today.AddDays(-40)) })
        {
            Assert.True((await closet.Wear(wear)).Recorded);
        }

        var page = await fixture.Grains.GetGrain<IUserGrain>(userId).GetMyPage();

        // Unworn since the adding (45 days; the wear reported 40 days back counts as its last wear), and since day -31.
        Assert.Equal(["never-worn-old", "worn-long-ago"], page.NotWornLately.Select(u => u.Item.Id));
        Assert.Equal((today.AddDays(-40), 40), (page.NotWornLately[0].LastWorn, page.NotWornLately[0].DaysUnworn));
        Assert.Equal((today.AddDays(-31), 31), (page.NotWornLately[1].LastWorn, page.NotWornLately[1].DaysUnworn));
        Assert.Equal(2, page.Counts.OutfitsWorn);
        Assert.Equal(4 + 4, page.Counts.ItemWears);
        Assert.Equal(5, page.Counts.ClosetItems);
        Assert.Equal([new ColourCount(Colour.Red, 3), new ColourCount(Colour.Navy, 2)], page.Closet.ByColour.AsEnumerable());
        Assert.Equal(new SlotCount(null, 1), page.Closet.BySlot[^1]);
        Assert.Equal(2, page.Closet.BySlot.Single(s => s.Slot == GarmentSlot.Bottom).Count);
        Assert.Equal(5, page.StyleStat.ClosetItemCount);
        Assert.Equal(StyleTaxonomy.Count, page.StyleStat.Closet.Scores.Length);
    }
}
