namespace OtMz.ClusterTests;

[Collection(ClusterCollection.Name)]
public class ClosetGrainTests(ClusterFixture fixture)
{
    private (IUserGrain User, IClosetGrain Closet) NewUser()
    {
        var id = $"user-{Guid.NewGuid():N}";
        return (fixture.Grains.GetGrain<IUserGrain>(id), fixture.Grains.GetGrain<IClosetGrain>(id));
    }

    private async Task<ClosetItem> WithPictures(ClosetItem item)
    {
        foreach (var id in new[] { item.ImageId, item.CutoutImageId })
        {
            await fixture.Grains.GetGrain<IImageGrain>(id).Put(new StoredImage(id, "image/jpeg", [1, 2, 3], 1, 1, "owner"));
        }

        return item;
    }

    private async Task<bool> Stored(string imageId) => await fixture.Grains.GetGrain<IImageGrain>(imageId).Get() is not null;

    private static StyleVector Styles(params string[] keys)
    {
        var values = new float[StyleTaxonomy.Count];
        foreach (var key in keys)
        {
            StyleTaxonomy.TryGetIndex(key, out var index);
            values[index] = 1f;
        }

        return StyleVector.Create(values);
    }

    private static ClosetItem Item(StyleVector styles, string? id = null) =>
        new(id ?? $"item-{Guid.NewGuid():N}", GarmentSlot.Top, "t-shirt", [new PaletteEntry(Colour.Black, 1f)], styles,
            $"img-{Guid.NewGuid():N}", $"img-{Guid.NewGuid():N}", DateTimeOffset.UtcNow);

    private static int StyleIndex(string key) => StyleTaxonomy.TryGetIndex(key, out var index) ? index : throw new ArgumentException(key);

    [Fact]
    public async Task AClosetUploadMovesTheClosetStyleAndItsVersionAndLeavesTheTasteAndItsVersionAlone()
    {
        var (user, closet) = NewUser();
        var tasteBefore = await user.GetTaste();

        var added = await closet.Add(Item(Styles("punk")));

        Assert.Equal(ClosetFailure.None, added.Failure);
        Assert.Equal(1, added.Version);
        var taste = await user.GetTaste();
        Assert.Equal(tasteBefore.Version, taste.Version);
        Assert.Equal(tasteBefore.Vector.ToArray(), taste.Vector.ToArray());
        Assert.Equal(1, taste.Closet!.ItemCount);
        Assert.Equal("punk", taste.Closet.Styles[0].Key);
        var snapshot = await closet.GetSnapshot();
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(taste.Closet.Vector!.ToArray(), snapshot.Style.Vector!.ToArray());
    }

    [Fact]
    public async Task AClosetChangeMovesTheLooksVersionWhileTheRankingWeighsTheClosetAndTheSnapshotCarriesEachFacetsVersion()
    {
        var (user, closet) = NewUser();
        var before = await user.GetSnapshot();

        await closet.Add(Item(Styles("punk")));

        var after = await user.GetSnapshot();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Taste.Version, after.Taste.Version);
        Assert.Equal(before.Ads.Version, after.Ads.Version);
        Assert.Equal(before.Looks.Version + 1, after.Looks.Version);
        Assert.Equal(0, before.Closet.Version);
        Assert.Equal(1, after.Closet.Version);
        Assert.Equal("punk", after.Closet.Style.Styles[0].Key);
    }

    [Fact]
    public async Task ASignalMovesTheTasteAndLeavesTheClosetStyleAlone()
    {
        var (user, closet) = NewUser();
        await closet.Add(Item(Styles("military")));
        var closetBefore = await closet.GetSnapshot();

        var look = (await user.GetRecommendations(new RecommendationQuery(1))).Items[0].Look;
        await user.ApplySignals([new Signal("like-1", SignalType.Like, LookId: look.Id)]);

        var closetAfter = await closet.GetSnapshot();
        Assert.Equal(closetBefore.Version, closetAfter.Version);
        Assert.Equal(closetBefore.Style.Vector!.ToArray(), closetAfter.Style.Vector!.ToArray());
    }

    [Fact]
    public async Task AClosetOfOneStyleTiltsTheRecommendationsTowardsItAndSaysSo()
    {
        var (user, closet) = NewUser();
        var before = await user.GetRecommendations(new RecommendationQuery(20));
        var punk = StyleIndex("punk");

        for (var i = 0; i < 3; i++)
        {
            await closet.Add(Item(Styles("punk")));
        }

        var after = await user.GetRecommendations(new RecommendationQuery(20));
        Assert.True(after.Version > before.Version);
        var punkBefore = before.Items.Average(r => r.Look.StyleVector[punk]);
        var punkAfter = after.Items.Average(r => r.Look.StyleVector[punk]);
        Assert.True(punkAfter > punkBefore, $"mean punk score of the looks went from {punkBefore} to {punkAfter}");
        Assert.Contains(after.Items.SelectMany(r => r.Reasons), r => r.Kind == "closet" && r.Key == "punk");
    }

    [Fact]
    public async Task ACorrectionReplacesTheDetectedStylesAndIsRemembered()
    {
        var (_, closet) = NewUser();
        var item = Item(Styles("street"));
        await closet.Add(item);

        var corrected = await closet.Correct(item.Id, new ClosetItemPatch(GarmentSlot.Outer, "jacket", Styles("classic")));

        Assert.Equal(ClosetFailure.None, corrected.Failure);
        Assert.Equal(2, corrected.Version);
        var stored = await closet.GetItem(item.Id);
        Assert.Equal(GarmentSlot.Outer, stored!.Slot);
        Assert.Equal("jacket", stored.Category);
        Assert.True(stored.StylesCorrected);
        Assert.Equal("classic", (await closet.GetSnapshot()).Style.Styles[0].Key);
        Assert.Equal(ClosetFailure.NotFound, (await closet.Correct("item-missing", new ClosetItemPatch(GarmentSlot.Top, null, null))).Failure);
    }

    [Fact]
    public async Task RemovingTheLastItemDeletesItsPicturesAndEmptiesTheClosetStyle()
    {
        var (_, closet) = NewUser();
        var item = await WithPictures(Item(Styles("sporty")));
        await closet.Add(item);

        Assert.True(await closet.Remove(item.Id));

        Assert.False(await Stored(item.ImageId));
        Assert.False(await Stored(item.CutoutImageId));
        Assert.False(await closet.Remove(item.Id));
        Assert.Empty(await closet.GetItems());
        var snapshot = await closet.GetSnapshot();
        Assert.Equal(0, snapshot.Style.ItemCount);
        Assert.Null(snapshot.Style.Vector);
        Assert.Equal(2, snapshot.Version);
    }

    [Fact]
    public async Task ARepeatedItemIdIsRefusedAndAFullClosetTakesNoMore()
    {
        var (_, closet) = NewUser();
        var first = await WithPictures(Item(Styles("modern"), "item-same"));
        Assert.Equal(ClosetFailure.None, (await closet.Add(first)).Failure);
        Assert.Equal(ClosetFailure.DuplicateId, (await closet.Add(first)).Failure);
        Assert.True(await Stored(first.ImageId), "a repeated add leaves the stored item's pictures alone");

        for (var i = 1; i < IClosetGrain.MaxItems; i++)
        {
            Assert.Equal(ClosetFailure.None, (await closet.Add(Item(Styles("modern")))).Failure);
        }

        var refused = await WithPictures(Item(Styles("modern")));
        Assert.Equal(ClosetFailure.Full, (await closet.Add(refused)).Failure);
        Assert.Equal(IClosetGrain.MaxItems, (await closet.GetItems()).Length);
        Assert.False(await Stored(refused.ImageId), "the closet owns a refused item's pictures and deletes them");
        Assert.False(await Stored(refused.CutoutImageId));
    }

    [Fact]
    public async Task ErasingAUserDeletesTheirClosetAndItsImages()
    {
        var (user, closet) = NewUser();
        var item = await WithPictures(Item(Styles("kitsch")));
        await closet.Add(item);

        await user.Erase();

        Assert.False(await Stored(item.ImageId));
        Assert.False(await Stored(item.CutoutImageId));
        Assert.Empty(await closet.GetItems());
        Assert.Equal(0, (await user.GetTaste()).Closet!.ItemCount);
    }
}
