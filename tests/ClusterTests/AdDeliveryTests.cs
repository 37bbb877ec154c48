using System.Collections.Immutable;
using OtMz.Grains.Ads;

namespace OtMz.ClusterTests;

/// <summary>
/// The ad path through real grains on the fake clock: a ledger grants exactly its budget to users asking at once,
/// a slate re-sent counts nothing again, and a frequency cap holds for the user's local day and lifts at midnight.
/// Each test targets a region of its own, so only its campaign can be offered (the seed campaigns start later
/// than the fixture's clock).
/// </summary>
[Collection(ClockedClusterCollection.Name)]
public class AdDeliveryTests(ClockedClusterFixture fixture)
{
    private IAdCampaignRegistryGrain Registry => fixture.Grains.GetGrain<IAdCampaignRegistryGrain>(0);

    [Fact]
    public async Task TwoHundredUsersAtOnceGetExactlyABudgetOfAHundred()
    {
        var region = NewRegion();
        var campaign = await CreateAsync(region, totalBudget: 100, dailyCap: 1);
        var users = await UsersInAsync(region, 200);

        var slates = await Task.WhenAll(users.Select(u => u.GetAds(AdRecommendations.MaxK)));

        Assert.Equal(100, slates.Count(s => s.Items.Any(a => a.Campaign.Id == campaign.Id)));
        var report = (await Registry.Report(campaign.Id))!;
        Assert.Equal((100L, 0L, 0L), (report.Impressions, report.Pending, report.RemainingBudget));
        Assert.Equal(PacingStatus.BudgetSpent, report.Pacing);
        // The ledger told the registry, so every silo's copy stops offering it without asking the ledger.
        var catalog = (await Registry.GetIfNewer(0))!;
        Assert.Equal(DateTimeOffset.MaxValue, catalog.OutUntil[campaign.Id]);
        Assert.DoesNotContain((await (await UsersInAsync(region, 1))[0].GetAds(5)).Items, a => a.Campaign.Id == campaign.Id);
    }

    [Fact]
    public async Task ASlateSentAgainCountsNoImpressionAgain()
    {
        var region = NewRegion();
        var campaign = await CreateAsync(region, totalBudget: 1_000, dailyCap: 5);
        var user = (await UsersInAsync(region, 1))[0];

        var first = await user.GetAds(5);
        var second = await user.GetAds(5);
        var snapshot = (await user.GetSnapshot()).Ads;

        Assert.Equal(campaign.Id, Assert.Single(first.Items).Campaign.Id);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.Version, snapshot.Version);
        Assert.Equal(1, (await Registry.Report(campaign.Id))!.Impressions);
    }

    [Fact]
    public async Task AFrequencyCapHoldsForTheUsersLocalDayAndLiftsAtMidnight()
    {
        var region = NewRegion();
        var campaign = await CreateAsync(region, totalBudget: 1_000, dailyCap: 2);
        var user = (await UsersInAsync(region, 1))[0];

        Assert.True(await ShownAsync(user, campaign));
        await PauseAsync(campaign, true);
        Assert.False(await ShownAsync(user, campaign));
        await PauseAsync(campaign, false);
        Assert.True(await ShownAsync(user, campaign));
        await PauseAsync(campaign, true);
        Assert.False(await ShownAsync(user, campaign));
        await PauseAsync(campaign, false);
        Assert.False(await ShownAsync(user, campaign));

        // The user's region has no time zone configured: their days are Seoul's (UTC+9, no daylight saving).
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        var local = TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), seoul);
        var nextMidnight = new DateTimeOffset(local.Date.AddDays(1), TimeSpan.FromHours(9));
        fixture.Clock.SetUtcNow(nextMidnight - TimeSpan.FromMinutes(1));
        Assert.False(await ShownAsync(user, campaign));
        fixture.Clock.SetUtcNow(nextMidnight + TimeSpan.FromMinutes(1));
        Assert.True(await ShownAsync(user, campaign));

        Assert.Equal(3, (await Registry.Report(campaign.Id))!.Impressions);
    }

    private async Task<bool> ShownAsync(IUserGrain user, AdCampaign campaign) =>
        (await user.GetAds(AdRecommendations.MaxK)).Items.Any(a => a.Campaign.Id == campaign.Id);

    private async Task PauseAsync(AdCampaign campaign, bool paused) =>
        Assert.NotNull((await Registry.Update(campaign.Id, new CampaignDraft(Paused: paused))).Campaign);

    private async Task<AdCampaign> CreateAsync(string region, long totalBudget, int dailyCap)
    {
        var target = new float[StyleTaxonomy.Count];
        target[3] = 1;
        var result = await Registry.Create(new CampaignDraft(
            Title: $"Test campaign for {region}", Link: "https://example.com/test", TargetStyle: [.. target],
            Regions: [region], TotalBudget: totalBudget, DailyCap: dailyCap));
        Assert.Empty(result.Errors);
        return result.Campaign!;
    }

    private async Task<IUserGrain[]> UsersInAsync(string region, int count)
    {
        var users = Enumerable.Range(0, count).Select(_ => fixture.Grains.GetGrain<IUserGrain>($"user-{Guid.NewGuid():N}")).ToArray();
        await Task.WhenAll(users.Select(u => u.UpdateProfile(new UserProfile(Region: region))));
        return users;
    }

    private static string NewRegion() => $"ads-{Guid.NewGuid():N}"[..16];
}

/// <summary>A grant whose delivery never reported back keeps its budget until the ledger asks the user grain about it.</summary>
[Collection(ClockedClusterCollection.Name)]
public class AdLedgerSettlementTests(ClockedClusterFixture fixture)
{
    [Fact]
    public async Task AnOverdueReservationTheUserNeverRecordedIsReleasedWhenTheBudgetIsAskedFor()
    {
        var target = new float[StyleTaxonomy.Count];
        target[1] = 1;
        var campaign = (await fixture.Grains.GetGrain<IAdCampaignRegistryGrain>(0).Create(new CampaignDraft(
            Title: "One impression", Link: "https://example.com/one", TargetStyle: [.. target], Regions: ["nowhere"], TotalBudget: 1))).Campaign!;
        var ledger = fixture.Grains.GetGrain<IAdLedgerGrain>(campaign.Id);

        // A user grain that reserved and died before recording the delivery: its outbox never held the reservation.
        Assert.True((await ledger.Reserve(new AdReservation(Guid.NewGuid(), $"ghost-{Guid.NewGuid():N}"))).Granted);
        Assert.Equal(AdRefusal.Exhausted, (await ledger.Reserve(new AdReservation(Guid.NewGuid(), "second"))).Refusal);

        fixture.Clock.Advance(new AdsOptions().ReservationTimeout + TimeSpan.FromSeconds(1));
        var third = new AdReservation(Guid.NewGuid(), "third");
        Assert.True((await ledger.Reserve(third)).Granted);
        await ledger.Confirm([third.Id]);

        var report = await ledger.Report();
        Assert.Equal((1L, 0L, 0L), (report.Impressions, report.Pending, report.RemainingBudget));
    }
}
