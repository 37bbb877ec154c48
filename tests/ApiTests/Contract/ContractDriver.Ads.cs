using System.Net;

namespace OtMz.ApiTests.Contract;

/// <summary>The ad routes' steps: the campaign routes (admin) each to a success and a refusal, and a user's click on an ad they were delivered.</summary>
internal sealed partial class ContractDriver
{
    private const string Campaigns = "/api/v1/ads/campaigns";

    /// <param name="deliveredCampaign">A campaign whose ad <paramref name="user"/> was delivered by an earlier step.</param>
    private static async Task DriveAdsAsync(HttpClient anonymous, HttpClient user, HttpClient admin, string deliveredCampaign)
    {
        // Targeted at a region no user of these steps lives in, so the other steps' ads stay as they were.
        var id = $"contract-{Guid.NewGuid():N}"[..24];
        var campaign = Campaign(id);
        await Expect(admin.PostAsync(Campaigns, Json(campaign)), HttpStatusCode.Created);
        await Expect(admin.PostAsync(Campaigns, Json(Campaign($"{id}-x", totalBudget: 0))), HttpStatusCode.BadRequest);
        await Expect(admin.PostAsync(Campaigns, Json(campaign)), HttpStatusCode.Conflict);
        await Expect(user.PostAsync(Campaigns, Json(Campaign($"{id}-y"))), HttpStatusCode.Forbidden);
        await Expect(admin.GetAsync(Campaigns), HttpStatusCode.OK);
        await Expect(user.GetAsync(Campaigns), HttpStatusCode.Forbidden);
        await Expect(anonymous.GetAsync(Campaigns), HttpStatusCode.Unauthorized);
        await Expect(admin.GetAsync($"{Campaigns}/{id}"), HttpStatusCode.OK);
        await Expect(admin.GetAsync($"{Campaigns}/no-such-campaign"), HttpStatusCode.NotFound);
        await Expect(admin.PatchAsync($"{Campaigns}/{id}", Json("{\"title\":\"Contract coats, changed\",\"dailyBudget\":100}")), HttpStatusCode.OK);
        await Expect(admin.PatchAsync($"{Campaigns}/{id}", Json("{\"dailyCap\":0}")), HttpStatusCode.BadRequest);
        await Expect(admin.PatchAsync($"{Campaigns}/no-such-campaign", Json("{\"paused\":true}")), HttpStatusCode.NotFound);
        await Expect(admin.GetAsync($"{Campaigns}/{deliveredCampaign}/report"), HttpStatusCode.OK);
        await Expect(admin.GetAsync($"{Campaigns}/no-such-campaign/report"), HttpStatusCode.NotFound);

        await Expect(user.PostAsync($"/api/v1/ads/{deliveredCampaign}/click", Json("{\"clickId\":\"contract-click\"}")), HttpStatusCode.OK);
        await Expect(user.PostAsync($"/api/v1/ads/{deliveredCampaign}/click", Json("{\"clickId\":\"contract-click\"}")), HttpStatusCode.OK);
        await Expect(user.PostAsync($"/api/v1/ads/{deliveredCampaign}/click", Json("{\"clickId\":\"not an id\"}")), HttpStatusCode.BadRequest);
        await Expect(user.PostAsync($"/api/v1/ads/{id}/click", Json("{\"clickId\":\"contract-click\"}")), HttpStatusCode.Conflict);
        await Expect(user.PostAsync("/api/v1/ads/no-such-campaign/click", Json("{\"clickId\":\"contract-click\"}")), HttpStatusCode.NotFound);
        await Expect(anonymous.PostAsync($"/api/v1/ads/{deliveredCampaign}/click", Json("{\"clickId\":\"contract-click\"}")), HttpStatusCode.Unauthorized);

        await Expect(admin.DeleteAsync($"{Campaigns}/{id}"), HttpStatusCode.NoContent);
        await Expect(admin.DeleteAsync($"{Campaigns}/{id}"), HttpStatusCode.NotFound);
    }

    private static string Campaign(string id, int totalBudget = 1000) =>
        $$"""
        {"id":"{{id}}","title":"Contract coats","imageUrl":"https://cdn.example.com/coats.jpg","link":"https://shop.example.com/coats",
         "lookId":null,"itemSlot":null,"targetStyle":[0.9{{string.Concat(Enumerable.Repeat(",0.1", StyleTaxonomy.Count - 1))}}],
         "targetGender":"women","minAge":20,"maxAge":40,"regions":["contract-nowhere"],"bid":2,"totalBudget":{{totalBudget}},"dailyBudget":null,
         "dailyCap":3,"startsAt":"2026-01-01T00:00:00Z","endsAt":null,"paused":false,"timeZone":"Asia/Seoul"}
        """;
}
