using OtMz.Grains;
using OtMz.Grains.Users;

namespace OtMz.ClusterTests;

[Collection(ClusterCollection.Name)]
public class ClosetGrainTests(ClusterFixture fixture)
{
    private IUserGrain NewUser() => fixture.Grains.GetGrain<IUserGrain>($"user-{Guid.NewGuid():N}");

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
    public async Task AClosetUploadMovesTheClosetStyleAndLeavesTheTasteAlone()
    {
        var user = NewUser();
        var tasteBefore = await user.GetTaste();

        var added = await user.AddClosetItem(Item(Styles("punk")));

        Assert.Equal(ClosetFailure.None, added.Failure);
        Assert.True(added.Version > tasteBefore.Version);
        var taste = await user.GetTaste();
        Assert.Equal(tasteBefore.Vector.ToArray(), taste.Vector.ToArray());
        Assert.Equal(1, taste.Closet!.ItemCount);
        Assert.Equal("punk", taste.Closet.Styles[0].Key);
        Assert.Equal(taste.Closet.Vector!.ToArray(), (await user.GetClosetStyle()).Vector!.ToArray());
    }

    [Fact]
    public async Task ASignalMovesTheTasteAndLeavesTheClosetStyleAlone()
    {
        var user = NewUser();
        await user.AddClosetItem(Item(Styles("military")));
        var closetBefore = await user.GetClosetStyle();

        var look = (await user.GetRecommendations(new RecommendationQuery(1))).Items[0].Look;
        await user.ApplySignals([new Signal("like-1", SignalType.Like, LookId: look.Id)]);

        Assert.Equal(closetBefore.Vector!.ToArray(), (await user.GetClosetStyle()).Vector!.ToArray());
    }

    [Fact]
    public async Task AClosetOfOneStyleTiltsTheRecommendationsTowardsItAndSaysSo()
    {
        var user = NewUser();
        var before = await user.GetRecommendations(new RecommendationQuery(20));
        var punk = StyleIndex("punk");

        for (var i = 0; i < 3; i++)
        {
            await user.AddClosetItem(Item(Styles("punk")));
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
        var user = NewUser();
        var item = Item(Styles("street"));
        await user.AddClosetItem(item);

        var corrected = await user.CorrectClosetItem(item.Id, new ClosetItemPatch(GarmentSlot.Outer, "jacket", Styles("classic")));

        Assert.Equal(ClosetFailure.None, corrected.Failure);
        var stored = await user.GetClosetItem(item.Id);
        Assert.Equal(GarmentSlot.Outer, stored!.Slot);
        Assert.Equal("jacket", stored.Category);
        Assert.True(stored.StylesCorrected);
        Assert.Equal("classic", (await user.GetClosetStyle()).Styles[0].Key);
        Assert.Equal(ClosetFailure.NotFound, (await user.CorrectClosetItem("item-missing", new ClosetItemPatch(GarmentSlot.Top, null, null))).Failure);
    }

    [Fact]
    public async Task RemovingTheLastItemEmptiesTheClosetStyle()
    {
        var user = NewUser();
        var item = Item(Styles("sporty"));
        await user.AddClosetItem(item);

        var removed = await user.RemoveClosetItem(item.Id);

        Assert.Equal(item.Id, removed!.Id);
        Assert.Equal(item.ImageId, removed.ImageId);
        Assert.Null(await user.RemoveClosetItem(item.Id));
        Assert.Empty(await user.GetCloset());
        Assert.Equal(0, (await user.GetClosetStyle()).ItemCount);
        Assert.Null((await user.GetClosetStyle()).Vector);
    }

    [Fact]
    public async Task ARepeatedItemIdIsRefusedAndAFullClosetTakesNoMore()
    {
        var user = NewUser();
        var first = Item(Styles("modern"), "item-same");
        Assert.Equal(ClosetFailure.None, (await user.AddClosetItem(first)).Failure);
        Assert.Equal(ClosetFailure.DuplicateId, (await user.AddClosetItem(first)).Failure);

        for (var i = 1; i < UserGrain.MaxClosetItems; i++)
        {
            Assert.Equal(ClosetFailure.None, (await user.AddClosetItem(Item(Styles("modern")))).Failure);
        }

        Assert.Equal(ClosetFailure.Full, (await user.AddClosetItem(Item(Styles("modern")))).Failure);
        Assert.Equal(UserGrain.MaxClosetItems, (await user.GetCloset()).Length);
    }

    [Fact]
    public async Task ErasingAUserDeletesTheirClosetAndItsImages()
    {
        var user = NewUser();
        var item = Item(Styles("kitsch"));
        var photo = fixture.Grains.GetGrain<IImageGrain>(item.ImageId);
        await photo.Put(new StoredImage(item.ImageId, "image/jpeg", [1, 2, 3], 1, 1, "owner"));
        await user.AddClosetItem(item);

        await user.Erase();

        Assert.Null(await photo.Get());
        Assert.Empty(await user.GetCloset());
    }
}
