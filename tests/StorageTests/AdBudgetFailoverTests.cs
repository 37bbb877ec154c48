using System.Collections.Concurrent;
using Orleans.Configuration;
using Orleans.TestingHost;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;
using Xunit.Abstractions;

namespace OtMz.StorageTests;

/// <summary>
/// A campaign's ledger on a two-silo cluster over PostgreSQL, its silo killed while 200 users ask for ads against a
/// budget of 100. No more than 100 deliveries may reach users, however the calls in flight end; once the cluster has
/// recovered and the reservations of the interrupted deliveries are settled, exactly 100 impressions are counted.
/// </summary>
[Collection(PostgresCollection.Name)]
public class AdBudgetFailoverTests(PostgresServer server, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    /// <summary>A mobile client's back-off between retries of a failed request.</summary>
    private static readonly TimeSpan ClientBackoff = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task KillingTheSiloOfACampaignsLedgerHalfwayNeverDeliversMoreThanItsBudget()
    {
        var database = await server.CreateUniqueDatabaseAsync("adkill");
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(200, seed: 42, CancellationToken.None);
        var cluster = await PlatformCluster.StartAsync<FastFailureSilo>(database, $"svc-{Guid.NewGuid():N}", $"adkill-{Guid.NewGuid():N}", 2, 4,
            new Dictionary<string, string> { ["Ads:ReservationTimeout"] = "00:00:02" });
        await using var _ = cluster;
        var grains = cluster.Client;
        var region = $"ads-{Guid.NewGuid():N}"[..16];
        var target = new float[StyleTaxonomy.Count];
        target[2] = 1;
        var campaign = (await grains.GetGrain<IAdCampaignRegistryGrain>(0).Create(new CampaignDraft(
            Title: "Kill test", Link: "https://example.com/kill", TargetStyle: [.. target], Regions: [region], Bid: 1_000, TotalBudget: 100, DailyCap: 1))).Campaign!;
        var ledger = grains.GetGrain<IAdLedgerGrain>(campaign.Id);
        Assert.Equal(0, (await ledger.Report()).Impressions);

        var users = Enumerable.Range(0, 200).Select(i => grains.GetGrain<IUserGrain>($"kill-{i:D3}-{Guid.NewGuid():N}")).ToArray();
        await Task.WhenAll(users.Select(u => u.UpdateProfile(new UserProfile(Region: region))));
        var delivered = new ConcurrentDictionary<IUserGrain, bool>();

        // The first 40 users at once; then the silo holding the ledger dies without a word while the other 160 ask,
        // a few at a time, so that some reservations are in flight when it goes.
        await Task.WhenAll(users.Take(40).Select(u => AskUntilAnsweredAsync(u, campaign.Id, delivered)));
        Assert.Equal(40, (await ledger.Report()).Impressions);
        var host = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(ledger);
        var victim = cluster.Silos.Single(s => s.SiloAddress.Equals(host!));
        using var gate = new SemaphoreSlim(4);
        var asking = Task.WhenAll(users.Skip(40).Select(async u =>
        {
            await gate.WaitAsync();
            try
            {
                await AskUntilAnsweredAsync(u, campaign.Id, delivered);
            }
            finally
            {
                gate.Release();
            }
        }));
        await cluster.KillSiloAsync(victim);
        output.WriteLine($"killed {victim.SiloAddress}; the ledger counts {(await ReportAfterKillAsync(ledger)).Impressions} impressions on the survivor");

        await asking;
        var deliveredBeforeRecovery = delivered.Count(d => d.Value);
        output.WriteLine($"{deliveredBeforeRecovery} users got the campaign");
        Assert.True(deliveredBeforeRecovery <= 100, $"{deliveredBeforeRecovery} deliveries for a budget of 100");

        var deadline = DateTime.UtcNow + Bound;

        // Recovery: new users keep asking until every interrupted reservation is settled and the budget is spent.
        CampaignReport report;
        var more = 0;
        while ((report = await ledger.Report()) is not { Impressions: 100, Pending: 0 })
        {
            Assert.True(DateTime.UtcNow < deadline, $"not recovered: {report.Impressions} impressions, {report.Pending} pending");
            var late = grains.GetGrain<IUserGrain>($"late-{more++}-{Guid.NewGuid():N}");
            await late.UpdateProfile(new UserProfile(Region: region));
            await AskUntilAnsweredAsync(late, campaign.Id, delivered);
            await Task.Delay(ClientBackoff);
        }

        var total = delivered.Count(d => d.Value);
        output.WriteLine($"recovered with {more} more users: {total} deliveries, {report.Impressions} impressions counted");
        Assert.True(total <= 100, $"{total} deliveries for a budget of 100");
        Assert.Equal(0, report.RemainingBudget);
    }

    /// <summary>Asks as a client does: a failed request is retried after a back-off until it is answered.</summary>
    private static async Task AskUntilAnsweredAsync(IUserGrain user, string campaignId, ConcurrentDictionary<IUserGrain, bool> delivered)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                var ads = await user.GetAds(5);
                delivered[user] = delivered.GetValueOrDefault(user) || ads.Items.Any(a => a.Campaign.Id == campaignId);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(ClientBackoff);
            }
        }
    }

    /// <summary>The report, asked again until the ledger has moved to the surviving silo.</summary>
    private static async Task<CampaignReport> ReportAfterKillAsync(IAdLedgerGrain ledger)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                return await ledger.Report();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(ClientBackoff);
            }
        }
    }

    /// <summary>The cluster mode's silo, with failure detection tight enough that the test measures failover, not patience.</summary>
    private sealed class FastFailureSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            new PostgresClusterSilo().Configure(silo);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        }
    }
}
