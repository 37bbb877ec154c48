namespace OtMz.ClusterTests;

/// <summary>The codibook grain's own rules, below the Api's checks: what it refuses, and that a full codibook stays full.</summary>
[Collection(ClusterCollection.Name)]
public class CodibookGrainTests(ClusterFixture fixture)
{
    private static ClosetItem Item(string id, GarmentSlot? slot) =>
        new(id, slot, null, [new PaletteEntry(Colour.Black, 1f)], StyleVector.Create([.. Enumerable.Repeat(1f, StyleTaxonomy.Count)]),
            $"img-{Guid.NewGuid():N}", $"img-{Guid.NewGuid():N}", DateTimeOffset.UtcNow);

    [Fact]
    public async Task AnOutfitWithAnItemWithoutASlotOrTwoTopsIsRefusedAndAGoodOneIsKept()
    {
        var userId = $"user-{Guid.NewGuid():N}";
        var closet = fixture.Grains.GetGrain<IClosetGrain>(userId);
        foreach (var item in new[] { Item("top", GarmentSlot.Top), Item("top-2", GarmentSlot.Top), Item("skirt", GarmentSlot.Bottom), Item("unknown", null) })
        {
            await closet.Add(item);
        }

        var book = fixture.Grains.GetGrain<ICodibookGrain>(userId);

        var unslotted = await book.Save(new CodibookDraft("a", CodibookKind.Outfit, null, ["top", "skirt", "unknown"], null));
        var twoTops = await book.Save(new CodibookDraft("b", CodibookKind.Outfit, null, ["top", "top-2", "skirt"], null));
        var missing = await book.Save(new CodibookDraft("c", CodibookKind.Outfit, null, ["top", "someone-elses"], null));
        var badShape = await book.Save(new CodibookDraft("bad id", CodibookKind.Look, "look-0000001", [], null));
        var good = await book.Save(new CodibookDraft("d", CodibookKind.Outfit, null, ["top", "skirt"], "ok"));

        Assert.Equal((CodibookFailure.Invalid, "itemIds[2]"), (unslotted.Failure, unslotted.Errors.Single().Field));
        Assert.Equal((CodibookFailure.Invalid, "itemIds"), (twoTops.Failure, twoTops.Errors.Single().Field));
        Assert.Equal((CodibookFailure.NotFound, "itemIds[1]"), (missing.Failure, missing.Errors.Single().Field));
        Assert.Equal((CodibookFailure.Invalid, "id"), (badShape.Failure, badShape.Errors.Single().Field));
        Assert.True(good.Created);
        Assert.Equal(1, await book.Count());
    }

    [Fact]
    public async Task AFullCodibookRefusesTheNextEntryUntilOneIsDeleted()
    {
        var book = fixture.Grains.GetGrain<ICodibookGrain>($"user-{Guid.NewGuid():N}");
        for (var i = 0; i < ICodibookGrain.MaxEntries; i++)
        {
            Assert.True((await book.Save(new CodibookDraft($"e-{i}", CodibookKind.Look, "look-0000001", [], null))).Created);
        }

        Assert.Equal(CodibookFailure.Full, (await book.Save(new CodibookDraft("one-more", CodibookKind.Look, "look-0000001", [], null))).Failure);
        Assert.True(await book.Delete("e-500"));
        Assert.True((await book.Save(new CodibookDraft("one-more", CodibookKind.Look, "look-0000001", [], null))).Created);
        var page = await book.List(null, 3);
        Assert.Equal(["one-more", "e-999", "e-998"], page.Items.Select(v => v.Entry.Id));
        Assert.Equal(ICodibookGrain.MaxEntries, page.Total);
    }
}
