using Orleans.TestingHost;
using OtMz.Grains.Interfaces;
using OtMz.Hosting;

namespace OtMz.StorageTests;

/// <summary>
/// What outfits are made of survives a restart of every silo in the cluster mode: the items' print, warmth,
/// availability and worn log, the outfits worn (and their ids, so a repeated report stays a duplicate), and what the
/// user said of outfits.
/// </summary>
[Collection(PostgresCollection.Name)]
public class OutfitDurabilityTests(PostgresServer server)
{
    private static Task<TestCluster> StartAsync(string connectionString) =>
        PlatformCluster.StartAsync(connectionString, "otmz-outfits", "otmz-outfits-cluster", silos: 1, shardCount: 2);

    private static ClosetItem Item(string id, GarmentSlot slot, string category, Colour colour, int style)
    {
        var styles = new float[StyleTaxonomy.Count];
        styles[style] = 1f;
        return new ClosetItem(id, slot, category, [new PaletteEntry(colour, 1f)], StyleVector.Create(styles), $"img-{id}", $"cut-{id}", DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task WearsAvailabilityAndOutfitLikesSurviveARestart()
    {
        var database = await server.CreateUniqueDatabaseAsync("outfits");
        await Db.MigrateAsync(database);
        var day = new DateOnly(2026, 12, 1);
        ClosetOutfit before;
        var cluster = await StartAsync(database);
        try
        {
            var closet = cluster.Client.GetGrain<IClosetGrain>("hana");
            foreach (var item in new[]
            {
                Item("shirt", GarmentSlot.Top, "shirt", Colour.White, 0), Item("tee", GarmentSlot.Top, "t-shirt", Colour.Black, 1),
                Item("jeans", GarmentSlot.Bottom, "jeans", Colour.Blue, 0), Item("pants", GarmentSlot.Bottom, "pants", Colour.Beige, 1),
                Item("coat", GarmentSlot.Outer, "coat", Colour.Navy, 0), Item("jacket", GarmentSlot.Outer, "jacket", Colour.Gray, 1),
            })
            {
                await closet.Add(item);
            }

            await closet.Correct("jacket", new ClosetItemPatch(null, null, null, Print.Check, GarmentWarmth.Heavy, Availability.Stored));
            Assert.True((await closet.Wear(new OutfitWear("wear-1", ["shirt", "jeans"], day))).Recorded);
            var user = cluster.Client.GetGrain<IUserGrain>("hana");
            Assert.Equal(1, (await user.ApplyOutfitSignal(new OutfitSignal("like-1", SignalType.Like, ["tee", "pants", "coat"]))).Ack!.Accepted);
            before = (await user.GetOutfits(new OutfitQuery(OutfitQuery.DefaultK))).Items[0];
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        var restarted = await StartAsync(database);
        try
        {
            var closet = restarted.Client.GetGrain<IClosetGrain>("hana");
            var jacket = (await closet.GetItem("jacket"))!;
            Assert.Equal((Print.Check, GarmentWarmth.Heavy, Availability.Stored), (jacket.Print, jacket.Warmth, jacket.Availability));
            var shirt = (await closet.GetItem("shirt"))!;
            Assert.Equal([day], shirt.WornOn.ToArray());
            Assert.Equal(1, shirt.WornCount);
            var contents = await closet.GetContents();
            Assert.Equal(["shirt", "jeans"], Assert.Single(contents.Worn).ItemIds.ToArray());
            Assert.True((await closet.Wear(new OutfitWear("wear-1", ["shirt", "jeans"], day))).Duplicate);

            var user = restarted.Client.GetGrain<IUserGrain>("hana");
            Assert.Equal(1, (await user.ApplyOutfitSignal(new OutfitSignal("like-1", SignalType.Like, ["tee", "pants", "coat"]))).Ack!.Duplicates);
            var outfits = await user.GetOutfits(new OutfitQuery(OutfitQuery.DefaultK));
            Assert.Equal(before.Id, outfits.Items[0].Id);
            Assert.DoesNotContain(outfits.Items, o => o.Items.Any(i => i.ItemId == "jacket"));
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }
}
