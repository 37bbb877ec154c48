using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace OtMz.RealtimeTests;

/// <summary>
/// A campaign change reaches the banners of connected users with no signal from them: the registry announces it on
/// the campaigns stream, the relay asks each connected user to re-rank, and those whose slate changed get AdsUpdated.
/// Each test's campaign targets a region of its own and bids high, so it heads its user's slate.
/// </summary>
public class AdPushTests(LiveApiFactory api, ITestOutputHelper output) : IClassFixture<LiveApiFactory>
{
    private IAdCampaignRegistryGrain Registry => api.Services.GetRequiredService<IClusterClient>().GetGrain<IAdCampaignRegistryGrain>(0);

    [Fact]
    public async Task APausedCampaignLeavesTheBannerAndComesBackWhenResumed()
    {
        var (campaign, client, shown) = await ShownToAConnectedUserAsync(totalBudget: 1_000);

        var paused = await TimedAsync("pause", client, shown.Version + 1, () => Registry.Update(campaign.Id, new CampaignDraft(Paused: true)));
        Assert.DoesNotContain(paused.Items, a => a.Campaign.Id == campaign.Id);

        var resumed = await TimedAsync("resume", client, paused.Version + 1, () => Registry.Update(campaign.Id, new CampaignDraft(Paused: false)));
        Assert.Equal(campaign.Id, resumed.Items[0].Campaign.Id);
    }

    [Fact]
    public async Task AnEditedCreativeIsPushedWithoutCountingAgainAndARetargetedCampaignLeaves()
    {
        var (campaign, client, shown) = await ShownToAConnectedUserAsync(totalBudget: 1_000);

        var retitled = await TimedAsync("retitle", client, shown.Version + 1, () => Registry.Update(campaign.Id, new CampaignDraft(Title: "Winter coats, retitled")));
        Assert.Equal("Winter coats, retitled", retitled.Items[0].Campaign.Title);
        Assert.Equal(1, (await Registry.Report(campaign.Id))!.Impressions);

        var moved = await TimedAsync("retarget", client, retitled.Version + 1, () => Registry.Update(campaign.Id, new CampaignDraft(Regions: ["somewhere-else"])));
        Assert.DoesNotContain(moved.Items, a => a.Campaign.Id == campaign.Id);
    }

    [Fact]
    public async Task ADeletedCampaignLeavesTheBanner()
    {
        var (campaign, client, shown) = await ShownToAConnectedUserAsync(totalBudget: 1_000);

        var after = await TimedAsync("delete", client, shown.Version + 1, () => Registry.Delete(campaign.Id));

        Assert.DoesNotContain(after.Items, a => a.Campaign.Id == campaign.Id);
    }

    [Fact]
    public async Task ACampaignThatRunsOutOfBudgetLeavesTheBannersOfThoseWhoHadIt()
    {
        var (campaign, client, shown) = await ShownToAConnectedUserAsync(totalBudget: 2);
        var other = await api.HttpFor($"user-{Guid.NewGuid():N}");
        (await other.PutAsJsonAsync("/api/v1/users/me/profile", new { region = campaign.Regions[0] })).EnsureSuccessStatusCode();

        // The other user's read takes the last impression; the ledger reports the budget spent.
        var after = await TimedAsync("budget spent", client, shown.Version + 1, async () =>
        {
            var ads = await other.GetFromJsonAsync<AdRecommendations>("/api/v1/users/me/recommendations/ads");
            Assert.Equal(campaign.Id, ads!.Items[0].Campaign.Id);
        });

        Assert.DoesNotContain(after.Items, a => a.Campaign.Id == campaign.Id);
        Assert.Equal((2L, 0L), ((await Registry.Report(campaign.Id))!.Impressions, (await Registry.Report(campaign.Id))!.RemainingBudget));
    }

    /// <summary>Runs the change and waits for the AdsUpdated it causes; the latency goes to the test output, not into an assertion.</summary>
    private async Task<AdRecommendations> TimedAsync(string what, HubClient client, long version, Func<Task> change)
    {
        var clock = Stopwatch.StartNew();
        await change();
        await client.WaitFor("AdsUpdated", version);
        output.WriteLine($"{what}: AdsUpdated {clock.Elapsed.TotalMilliseconds:0} ms after the change was made");
        return client.LastAds!;
    }

    private async Task<(AdCampaign Campaign, HubClient Client, AdRecommendations Shown)> ShownToAConnectedUserAsync(long totalBudget)
    {
        var region = $"ads-{Guid.NewGuid():N}"[..16];
        var target = new float[StyleTaxonomy.Count];
        target[5] = 1;
        var created = await Registry.Create(new CampaignDraft(
            Title: "Winter coats", Link: "https://example.com/coats", TargetStyle: [.. target], Regions: [region],
            Bid: 10_000, TotalBudget: totalBudget, DailyCap: 10));
        var campaign = created.Campaign ?? throw new InvalidOperationException(string.Join("; ", created.Errors));
        var user = $"user-{Guid.NewGuid():N}";
        (await (await api.HttpFor(user)).PutAsJsonAsync("/api/v1/users/me/profile", new { region })).EnsureSuccessStatusCode();
        var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        var shown = (await client.GetSnapshot()).Ads;
        Assert.Equal(campaign.Id, shown.Items[0].Campaign.Id);
        return (campaign, client, shown);
    }
}
