using System.Reflection;
using OtMz.Grains.Ads;
using OtMz.Grains.Demo;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;
using OtMz.Silo.Schema;

namespace OtMz.StorageTests;

/// <summary>
/// The cluster mode's campaign store on a migrated database: every field of a definition comes back as written,
/// a save replaces the row with the same id, and seeding (the store's and the silo's <c>seed</c> command) adds the
/// demo campaigns without touching ids that are already stored.
/// </summary>
[Collection(PostgresCollection.Name)]
public class CampaignStoreTests(PostgresServer server)
{
    [Fact]
    public async Task Every_field_comes_back_as_written_set_or_empty_and_deleted_or_not()
    {
        var database = await server.CreateUniqueDatabaseAsync("campaigns_roundtrip");
        await Db.MigrateAsync(database);
        var store = new PostgresCampaignStore(database);
        var deletedAt = new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.FromHours(2));
        StoredCampaign[] written =
        [
            new(Campaigns.Full("full")),
            new(Campaigns.Bare("bare")),
            new(Campaigns.Full("full-deleted") with { TargetGender = Gender.Unisex, ItemSlot = GarmentSlot.Accessory }, deletedAt),
            new(Campaigns.Bare("bare-deleted") with { TargetGender = Gender.Men, MinAge = 0, MaxAge = 0 }, deletedAt),
        ];
        foreach (var campaign in written)
        {
            await store.SaveAsync(campaign, CancellationToken.None);
        }

        var loaded = (await store.LoadAsync(CancellationToken.None)).ToDictionary(c => c.Campaign.Id);

        Assert.Equal(written.Length, loaded.Count);
        foreach (var expected in written)
        {
            var actual = loaded[expected.Campaign.Id];
            Campaigns.AssertSame(expected.Campaign, actual.Campaign);
            Assert.Equal(expected.DeletedAt, actual.DeletedAt);
        }

        // The words in the table are the API's, so an operator reading it sees what the API shows.
        var row = Assert.Single(await Db.QueryAsync(database, "SELECT target_gender, item_slot, regions FROM ad_campaigns WHERE id = 'full'"));
        Assert.Equal(["women", "one-piece", new[] { "Seoul", "Busan", "Jeju-do" }], row);
    }

    [Fact]
    public async Task A_time_below_a_microsecond_is_dropped_not_rounded()
    {
        var database = await server.CreateUniqueDatabaseAsync("campaigns_ticks");
        await Db.MigrateAsync(database);
        var store = new PostgresCampaignStore(database);
        var at = new DateTimeOffset(2026, 5, 5, 5, 5, 5, TimeSpan.Zero).AddTicks(1_234_567);
        var campaign = Campaigns.Bare("ticks") with { CreatedAt = at, UpdatedAt = at.AddTicks(9) };

        await store.SaveAsync(new StoredCampaign(campaign), CancellationToken.None);

        var loaded = Assert.Single(await store.LoadAsync(CancellationToken.None)).Campaign;
        Assert.Equal(at.AddTicks(-7), loaded.CreatedAt);
        Campaigns.AssertSame(Campaigns.ToMicroseconds(campaign), loaded);
    }

    [Fact]
    public async Task A_save_replaces_every_field_of_the_campaign_with_the_same_id()
    {
        var database = await server.CreateUniqueDatabaseAsync("campaigns_upsert");
        await Db.MigrateAsync(database);
        var store = new PostgresCampaignStore(database);
        await store.SaveAsync(new StoredCampaign(Campaigns.Full("c-1")), CancellationToken.None);
        await store.SaveAsync(new StoredCampaign(Campaigns.Bare("c-2")), CancellationToken.None);

        // Every optional field emptied, every required one changed, then deleted.
        var replaced = Campaigns.Bare("c-1") with { Title = "Renamed", Revision = 8, Regions = ["Daegu"] };
        var deletedAt = DateTimeOffset.UnixEpoch.AddYears(57);
        await store.SaveAsync(new StoredCampaign(replaced, deletedAt), CancellationToken.None);

        var loaded = (await store.LoadAsync(CancellationToken.None)).ToDictionary(c => c.Campaign.Id);
        Assert.Equal(["c-1", "c-2"], loaded.Keys.Order(StringComparer.Ordinal));
        Campaigns.AssertSame(replaced, loaded["c-1"].Campaign);
        Assert.Equal(deletedAt, loaded["c-1"].DeletedAt);
        Campaigns.AssertSame(Campaigns.Bare("c-2"), loaded["c-2"].Campaign);
        Assert.Null(loaded["c-2"].DeletedAt);
        Assert.Equal(2L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM ad_campaigns"));
    }

    [Fact]
    public async Task Seeding_twice_adds_the_demo_campaigns_once_and_keeps_what_operators_changed()
    {
        var database = await server.CreateUniqueDatabaseAsync("campaigns_seed");
        await Db.MigrateAsync(database);
        var store = new PostgresCampaignStore(database);
        var demo = DemoCampaigns.Create();

        Assert.Equal(demo.Count, await store.SeedDemoAsync(CancellationToken.None));
        var edited = demo[0] with { Title = "Edited by an operator", Revision = 2 };
        var deleted = new StoredCampaign(demo[1], DateTimeOffset.UnixEpoch.AddYears(56));
        await store.SaveAsync(new StoredCampaign(edited), CancellationToken.None);
        await store.SaveAsync(deleted, CancellationToken.None);
        await store.SaveAsync(new StoredCampaign(Campaigns.Bare("operator-made")), CancellationToken.None);

        Assert.Equal(0, await store.SeedDemoAsync(CancellationToken.None));

        var loaded = (await store.LoadAsync(CancellationToken.None)).ToDictionary(c => c.Campaign.Id);
        Assert.Equal(demo.Count + 1, loaded.Count);
        Campaigns.AssertSame(edited, loaded[edited.Id].Campaign);
        Assert.Equal(deleted.DeletedAt, loaded[demo[1].Id].DeletedAt);
        foreach (var campaign in demo.Skip(2))
        {
            Campaigns.AssertSame(campaign, loaded[campaign.Id].Campaign);
            Assert.Null(loaded[campaign.Id].DeletedAt);
        }
    }

    [Fact]
    public async Task The_silos_seed_command_writes_the_demo_campaigns_and_running_it_again_adds_none()
    {
        var database = await server.CreateUniqueDatabaseAsync("campaigns_seed_command");
        await Db.MigrateAsync(database);
        var store = new PostgresCampaignStore(database);
        string[] args = ["seed", $"--ConnectionStrings:Postgres={database}", "--Catalog:DemoLooks=20"];

        Assert.Equal(0, await RunSiloAsync(args));
        var edited = DemoCampaigns.Create()[3] with { Paused = true, Revision = 2 };
        await store.SaveAsync(new StoredCampaign(edited), CancellationToken.None);
        Assert.Equal(0, await RunSiloAsync(args));

        var loaded = await store.LoadAsync(CancellationToken.None);
        Assert.Equal(DemoCampaigns.Create().Select(c => c.Id).Order(StringComparer.Ordinal), loaded.Select(c => c.Campaign.Id));
        Campaigns.AssertSame(edited, loaded.Single(c => c.Campaign.Id == edited.Id).Campaign);
        Assert.Equal(20L, await Db.ScalarAsync<long>(database, "SELECT count(*) FROM looks"));
    }

    /// <summary>The Silo's own entry point (Silo/Program.cs), as <c>dotnet run --project Silo -- seed</c> calls it.</summary>
    private static Task<int> RunSiloAsync(string[] args)
    {
        var main = typeof(SchemaMigrator).Assembly.GetType("OtMz.Silo.Program", throwOnError: true)!
            .GetMethod("Main", BindingFlags.Public | BindingFlags.Static)!;
        return (Task<int>)main.Invoke(null, [args])!;
    }
}
