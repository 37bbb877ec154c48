using Orleans.TestingHost;
using OtMz.Grains.Demo;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;

namespace OtMz.StorageTests;

/// <summary>
/// Ad campaigns on the cluster mode's storage: what operators created, changed and deleted through the registry,
/// and what each campaign's ledger counted, are all there again after every silo stopped and a new cluster started
/// on the same database; the seeded demo campaigns are there too.
/// </summary>
[Collection(PostgresCollection.Name)]
public class CampaignDurabilityTests(PostgresServer server)
{
    private static Task<TestCluster> StartAsync(string connectionString) =>
        PlatformCluster.StartAsync(connectionString, "otmz-campaigns", "otmz-campaigns-cluster", silos: 1, shardCount: 2);

    [Fact]
    public async Task Definitions_deletions_and_ledger_counts_survive_a_restart_of_every_silo()
    {
        var database = await server.CreateUniqueDatabaseAsync("campaigns_durable");
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(50, seed: 42, CancellationToken.None);
        await new PostgresCampaignStore(database).SeedDemoAsync(CancellationToken.None);
        var look = DemoCatalog.Generate(50, 42)[7];
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var draft = new CampaignDraft(
            "durable",
            "Everything set",
            ImageUrl: "https://cdn.example.com/durable.png",
            Link: "https://shop.example.com/durable",
            TargetStyle: [.. Campaigns.Style(5, 6, 20)],
            TargetGender: Gender.Women,
            MinAge: 18,
            MaxAge: 44,
            Regions: ["Seoul", "Incheon"],
            Bid: 3.25,
            TotalBudget: 900_000,
            DailyBudget: 30_000,
            DailyCap: 6,
            StartsAt: start,
            EndsAt: start.AddDays(60),
            Paused: false,
            TimeZone: "Asia/Tokyo",
            LookId: look.Id,
            ItemSlot: look.Garments[^1].Slot);

        AdCampaign changed;
        long impressions;
        var cluster = await StartAsync(database);
        try
        {
            var registry = cluster.Client.GetGrain<IAdCampaignRegistryGrain>(0);
            var created = await registry.Create(draft);
            Assert.True(created.Campaign is not null, string.Join("; ", created.Errors.Select(e => $"{e.Field}: {e.Message}")));
            changed = (await registry.Update("durable", new CampaignDraft(Title: "Everything set, changed", Paused: true))).Campaign!;
            Assert.Equal(2, changed.Revision);

            Assert.NotNull((await registry.Create(new CampaignDraft("short-lived", "Deleted", Link: "https://example.com/gone",
                TargetStyle: [.. Campaigns.Style(1)], TotalBudget: 10))).Campaign);
            Assert.NotNull((await registry.Delete("short-lived")).Campaign);

            // An unpaced campaign (no daily budget, no end), so every reservation is granted.
            Assert.NotNull((await registry.Create(new CampaignDraft("counted", "Counted", Link: "https://example.com/counted",
                TargetStyle: [.. Campaigns.Style(2)], TotalBudget: 1_000))).Campaign);
            var ledger = cluster.Client.GetGrain<IAdLedgerGrain>("counted");
            var reservations = Enumerable.Range(0, 5).Select(i => new AdReservation(Guid.NewGuid(), $"user-{i}")).ToArray();
            foreach (var reservation in reservations)
            {
                Assert.True((await ledger.Reserve(reservation)).Granted);
            }

            await ledger.Confirm([.. reservations.Take(3).Select(r => r.Id)]);
            await ledger.Release([reservations[3].Id]);
            var before = await ledger.Report();
            Assert.Equal((3, 1), (before.Impressions, before.Pending));
            impressions = before.Impressions;
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        var restarted = await StartAsync(database);
        try
        {
            var registry = restarted.Client.GetGrain<IAdCampaignRegistryGrain>(0);
            var expected = Campaigns.ToMicroseconds(changed);
            Campaigns.AssertSame(expected, await registry.Get("durable"));
            Campaigns.AssertSame(expected, (await registry.List()).Single(c => c.Id == "durable"));

            Assert.Null(await registry.Get("short-lived"));
            Assert.DoesNotContain(await registry.List(), c => c.Id == "short-lived");
            Assert.Equal(CampaignFailure.Conflict, (await registry.Create(new CampaignDraft("short-lived", "Again",
                Link: "https://example.com/again", TargetStyle: [.. Campaigns.Style(1)], TotalBudget: 10))).Failure);

            var demo = DemoCampaigns.Create();
            Assert.Equal(demo.Count + 2, (await registry.List()).Length);
            Campaigns.AssertSame(demo[0], await registry.Get(demo[0].Id));

            var report = await restarted.Client.GetGrain<IAdLedgerGrain>("counted").Report();
            Assert.Equal(impressions, report.Impressions);
            Assert.Equal(impressions, report.ByHour.Sum(h => h.Impressions));
            Assert.Equal(1_000 - impressions - report.Pending, report.RemainingBudget);
        }
        finally
        {
            await restarted.StopAllSilosAsync();
            await restarted.DisposeAsync();
        }
    }
}
