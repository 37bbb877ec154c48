using Orleans.TestingHost;
using OtMz.Grains.Interfaces;

namespace OtMz.StorageTests;

/// <summary>
/// A look replace is one call to the catalog grain: the looks row, the live shard and the previous uploaded photo
/// change together, and a step that fails (here PostgreSQL refusing the photo's deletion) puts the earlier ones back.
/// </summary>
[Collection(PostgresCollection.Name)]
public class LookReplaceTests(PostgresServer server)
{
    private const string LookId = "look-replaced";

    [Fact]
    public async Task A_replace_with_a_new_photo_changes_the_row_the_shard_and_retires_the_old_photo()
    {
        var (database, cluster) = await StartWithLookAsync("replace");
        try
        {
            var result = await cluster.Client.GetGrain<ICatalogGrain>(0).Upsert(Look("img-new", "Replaced"));

            Assert.Equal(LookWriteOutcome.Replaced, result.Outcome);
            Assert.Equal("Replaced", (await cluster.Client.GetGrain<ICatalogQueryGrain>(0).Get(LookId))?.Title);
            Assert.Equal("/api/v1/images/img-new", await Db.ScalarAsync<string>(database, $"SELECT image_url FROM looks WHERE id = '{LookId}'"));
            Assert.Null(await cluster.Client.GetGrain<IImageGrain>("img-old").Get());
            Assert.NotNull(await cluster.Client.GetGrain<IImageGrain>("img-new").Get());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_replace_whose_last_step_fails_leaves_the_old_look_everywhere()
    {
        var (database, cluster) = await StartWithLookAsync("rollback");
        try
        {
            await Db.ExecuteAsync(database, """
                create function refuse_image_delete() returns trigger language plpgsql as $$ begin raise exception 'image deletes are refused'; end $$;
                create trigger refuse_image_delete before delete on images for each row execute function refuse_image_delete();
                """);
            var catalog = cluster.Client.GetGrain<ICatalogGrain>(0);
            var before = await catalog.GetVersion();

            await Assert.ThrowsAnyAsync<Exception>(() => catalog.Upsert(Look("img-new", "Half replaced")));

            var live = await cluster.Client.GetGrain<ICatalogQueryGrain>(0).Get(LookId);
            Assert.Equal(("Original", "/api/v1/images/img-old"), (live?.Title, live?.ImageUrl));
            Assert.Equal("Original", await Db.ScalarAsync<string>(database, $"SELECT title FROM looks WHERE id = '{LookId}'"));
            Assert.NotNull(await cluster.Client.GetGrain<IImageGrain>("img-old").Get());
            Assert.Equal(before, await catalog.GetVersion());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_look_that_breaks_the_rules_is_refused_with_its_fields_and_changes_nothing()
    {
        var (database, cluster) = await StartWithLookAsync("invalid");
        try
        {
            var result = await cluster.Client.GetGrain<ICatalogGrain>(0).Upsert(Look("img-new", "") with { MinTempC = 40, MaxTempC = -10 });

            Assert.Equal(LookWriteOutcome.Invalid, result.Outcome);
            Assert.Contains(result.Errors, e => e.Field == "title");
            Assert.Equal("Original", await Db.ScalarAsync<string>(database, $"SELECT title FROM looks WHERE id = '{LookId}'"));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A one-silo cluster on a fresh database whose catalog holds one look, with its uploaded photo img-old.</summary>
    private async Task<(string Database, TestCluster Cluster)> StartWithLookAsync(string name)
    {
        var database = await server.CreateUniqueDatabaseAsync($"lookreplace{name}");
        await Db.MigrateAsync(database);
        var cluster = await PlatformCluster.StartAsync(database, "otmz-replace", $"otmz-replace-{name}-{Guid.NewGuid():N}", silos: 1, shardCount: 4);
        foreach (var id in new[] { "img-old", "img-new" })
        {
            await cluster.Client.GetGrain<IImageGrain>(id).Put(new StoredImage(id, "image/png", [1, 2, 3], 1, 1, OwnerId: null, LookId: LookId));
        }

        Assert.Equal(LookWriteOutcome.Created, (await cluster.Client.GetGrain<ICatalogGrain>(0).Upsert(Look("img-old", "Original"))).Outcome);
        return (database, cluster);
    }

    private static Look Look(string imageId, string title) => new(
        LookId, title, $"{LookRules.CatalogImagePath}/{imageId}", Gender.Unisex, [Season.Spring], [Occasion.Daily], 5, 20,
        [new PaletteEntry(Colour.Navy, 1f)], [new Garment(GarmentSlot.Top, "shirt", Colour.Navy)],
        StyleVector.Create([.. Enumerable.Range(0, StyleTaxonomy.Count).Select(i => i == 0 ? 1f : 0f)]));
}
