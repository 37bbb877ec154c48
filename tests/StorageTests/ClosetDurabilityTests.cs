using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.TestingHost;
using OtMz.Grains.Interfaces;
using OtMz.Hosting;

namespace OtMz.StorageTests;

/// <summary>
/// The closet in the cluster mode: items live in the closet grain's "closet" state in orleans_storage, their
/// pictures in the images table with their owner, and both survive a restart of every silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ClosetDurabilityTests(PostgresServer server)
{
    private static Task<TestCluster> StartAsync(string connectionString) =>
        PlatformCluster.StartAsync(connectionString, "otmz-closet", "otmz-closet-cluster", silos: 1, shardCount: 2);

    [Fact]
    public async Task ClosetItemsAndTheirPicturesSurviveARestartAndErasureRemovesBoth()
    {
        var database = await server.CreateUniqueDatabaseAsync("closet");
        await Db.MigrateAsync(database);
        var styles = new float[StyleTaxonomy.Count];
        styles[20] = 1f;
        var item = new ClosetItem("item-1", GarmentSlot.Outer, "jacket", [new PaletteEntry(Colour.Black, 1f)], StyleVector.Create(styles),
            "img-photo-1", "img-cutout-1", DateTimeOffset.UtcNow);

        var cluster = await StartAsync(database);
        try
        {
            await cluster.Client.GetGrain<IImageGrain>("img-photo-1").Put(new StoredImage("img-photo-1", "image/jpeg", [0xFF, 0xD8, 1], 3, 4, "mina"));
            await cluster.Client.GetGrain<IImageGrain>("img-cutout-1").Put(new StoredImage("img-cutout-1", "image/png", [0x89, 2], 3, 4, "mina"));
            Assert.Equal(ClosetFailure.None, (await cluster.Client.GetGrain<IClosetGrain>("mina").Add(item)).Failure);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        var owners = await Db.QueryAsync(database, "SELECT id, owner_id, content_type, width, height FROM images ORDER BY id");
        Assert.Equal(2, owners.Count);
        Assert.Equal(new object?[] { "img-cutout-1", "mina", "image/png", 3, 4 }, owners[0]);
        Assert.Equal(new object?[] { "img-photo-1", "mina", "image/jpeg", 3, 4 }, owners[1]);

        var restarted = await StartAsync(database);
        try
        {
            var user = restarted.Client.GetGrain<IUserGrain>("mina");
            var closet = restarted.Client.GetGrain<IClosetGrain>("mina");
            Assert.Equal("item-1", Assert.Single(await closet.GetItems()).Id);
            var snapshot = await closet.GetSnapshot();
            Assert.Equal(1, snapshot.Version);
            Assert.Equal("punk", snapshot.Style.Styles[0].Key);
            Assert.Equal(new byte[] { 0xFF, 0xD8, 1 }, (await restarted.Client.GetGrain<IImageGrain>("img-photo-1").Get())!.Bytes);

            await user.Erase();

            Assert.Empty(await closet.GetItems());
            Assert.Empty(await Db.QueryAsync(database, "SELECT id FROM images"));
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }
}
