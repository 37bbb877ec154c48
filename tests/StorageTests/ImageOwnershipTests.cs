using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;

namespace OtMz.StorageTests;

/// <summary>The images table keeps which look a catalog photo belongs to, so that only that look's deletion removes it.</summary>
[Collection(PostgresCollection.Name)]
public class ImageOwnershipTests(PostgresServer server)
{
    [Fact]
    public async Task ACatalogPhotosLookAndAClosetPhotosOwnerRoundTrip()
    {
        var database = await server.CreateUniqueDatabaseAsync("imageowner");
        await Db.MigrateAsync(database);
        var store = new PostgresImageStore(database);

        await store.SaveAsync(new StoredImage("img-look", "image/jpeg", [1, 2], 1, 1, OwnerId: null, LookId: "look-7"), CancellationToken.None);
        await store.SaveAsync(new StoredImage("img-closet", "image/png", [3], 1, 1, OwnerId: "mina"), CancellationToken.None);

        var look = await store.LoadAsync("img-look", CancellationToken.None);
        var closet = await store.LoadAsync("img-closet", CancellationToken.None);
        Assert.Equal(("look-7", (string?)null), (look!.LookId, look.OwnerId));
        Assert.Equal(((string?)null, "mina"), (closet!.LookId, closet.OwnerId));
    }

    [Fact]
    public async Task TheTableRefusesAnImageThatBelongsToBothALookAndAUser()
    {
        var database = await server.CreateUniqueDatabaseAsync("imageowner2");
        await Db.MigrateAsync(database);

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            new PostgresImageStore(database).SaveAsync(new StoredImage("img-both", "image/png", [3], 1, 1, OwnerId: "mina", LookId: "look-7"), CancellationToken.None));

        Assert.Equal("images_one_owner", refused.ConstraintName);
    }
}
