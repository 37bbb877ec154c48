using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace OtMz.ApiTests;

/// <summary>
/// The embedded Api for the ad tests alone: the silo's copy of the campaigns is asked anew on every read, so a
/// user's next read sees a campaign created, changed or deleted a moment before, without waiting for the refresh.
/// </summary>
public sealed class AdsApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ads:RefreshPeriod", "00:00:00");
    }
}

/// <summary>
/// The campaign routes and the ad click through the real host: create, list, read, change and delete; what a user's
/// ad read delivers is what the report counts, once per slate; a click counts once per click id and only on an ad
/// the user was delivered. Each test's campaigns target a region of its own, and its users live there, so the
/// tests' campaigns (and the seed campaigns, which bid far less) do not crowd one another out of a slate.
/// </summary>
public partial class AdsApiTests(AdsApiFactory factory) : IClassFixture<AdsApiFactory>
{
    private const string Campaigns = "/api/v1/ads/campaigns";
    private const string Ads = "/api/v1/users/me/recommendations/ads";

    private static string NewId(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 13)];

    private static string NewRegion() => $"r{Guid.NewGuid():N}"[..20];

    /// <summary>23 weights on the styles the test users like (classic and modern), a little on the rest.</summary>
    private static JsonArray Target(int length = 0)
    {
        StyleTaxonomy.TryGetIndex("classic", out var classic);
        StyleTaxonomy.TryGetIndex("modern", out var modern);
        return new JsonArray([.. Enumerable.Range(0, length == 0 ? StyleTaxonomy.Count : length)
            .Select(i => (JsonNode)(i == classic || i == modern ? 0.9 : 0.05))]);
    }

    private static JsonObject CampaignJson(string id, string region, double bid = 100) => new()
    {
        ["id"] = id,
        ["title"] = "Autumn coats",
        ["imageUrl"] = "https://cdn.example.com/banners/coats.jpg",
        ["link"] = "https://shop.example.com/coats?utm=otmz",
        ["targetStyle"] = Target(),
        ["targetGender"] = "unisex",
        ["minAge"] = 18,
        ["maxAge"] = 80,
        ["regions"] = new JsonArray(region),
        ["bid"] = bid,
        ["totalBudget"] = 1000,
        ["dailyCap"] = 5,
        ["timeZone"] = "Asia/Seoul",
    };

    private async Task<(HttpClient Admin, JsonElement Campaign)> CreateAsync(JsonObject campaign, HttpClient? admin = null)
    {
        admin ??= await factory.AdminClient();
        var response = await admin.PostAsync(Campaigns, Json.Raw(campaign.ToJsonString()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (admin, await response.Body());
    }

    private async Task<HttpClient> UserIn(string region)
    {
        var user = await factory.NewUserClient();
        (await user.PutAsJsonAsync("/api/v1/users/me/profile", new { region })).EnsureSuccessStatusCode();
        (await user.PostAsJsonAsync("/api/v1/users/me/survey", new { likedStyles = new[] { "classic", "modern" } })).EnsureSuccessStatusCode();
        return user;
    }

    private static async Task<string[]> AdIds(HttpClient user, int? k = null) =>
        [.. (await user.GetFromJsonAsync<JsonElement>(k is { } n ? $"{Ads}?k={n}" : Ads)).GetProperty("items").EnumerateArray()
            .Select(a => a.GetProperty("campaign").GetProperty("id").GetString()!)];

    private static Task<JsonElement> ReportAsync(HttpClient admin, string id) => admin.GetFromJsonAsync<JsonElement>($"{Campaigns}/{id}/report");

    private static Task<HttpResponseMessage> ClickAsync(HttpClient user, string campaignId, string clickId) =>
        user.PostAsJsonAsync($"/api/v1/ads/{campaignId}/click", new { clickId });

    private static async Task<string[]> ListedIds(HttpClient admin) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>(Campaigns)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];

    [Fact]
    public async Task ACampaignIsCreatedReadAndDeleted()
    {
        var id = NewId("round-trip");
        var region = NewRegion();

        var (admin, created) = await CreateAsync(CampaignJson(id, region));

        Assert.Equal(id, created.GetProperty("id").GetString());
        Assert.Equal("Autumn coats", created.GetProperty("title").GetString());
        Assert.Equal("https://cdn.example.com/banners/coats.jpg", created.GetProperty("imageUrl").GetString());
        Assert.Equal("https://shop.example.com/coats?utm=otmz", created.GetProperty("link").GetString());
        Assert.Equal(Target().Select(v => (float)v!.GetValue<double>()), created.GetProperty("targetStyle").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal("unisex", created.GetProperty("targetGender").GetString());
        Assert.Equal((18, 80), (created.GetProperty("minAge").GetInt32(), created.GetProperty("maxAge").GetInt32()));
        Assert.Equal([region], created.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(100, created.GetProperty("bid").GetDouble());
        Assert.Equal(1000, created.GetProperty("totalBudget").GetInt64());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("dailyBudget").ValueKind);
        Assert.Equal(5, created.GetProperty("dailyCap").GetInt32());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("endsAt").ValueKind);
        Assert.False(created.GetProperty("paused").GetBoolean());
        Assert.Equal("Asia/Seoul", created.GetProperty("timeZone").GetString());
        Assert.Equal(1, created.GetProperty("revision").GetInt64());
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), created.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(created.ToString(), (await admin.GetFromJsonAsync<JsonElement>($"{Campaigns}/{id}")).ToString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Campaigns}/{id}")).StatusCode);

        await (await admin.GetAsync($"{Campaigns}/{id}")).AssertProblem(HttpStatusCode.NotFound, "id");
        await (await admin.DeleteAsync($"{Campaigns}/{id}")).AssertProblem(HttpStatusCode.NotFound, "id");
        await (await admin.PatchAsync($"{Campaigns}/{id}", Json.Raw("{\"bid\":2}"))).AssertProblem(HttpStatusCode.NotFound, "id");
        Assert.DoesNotContain(id, await ListedIds(admin));
    }

    [Fact]
    public async Task ACreateWithoutAnIdGetsOneAndTheLocationNamesIt()
    {
        var json = CampaignJson("unused", NewRegion());
        json.Remove("id");
        var admin = await factory.AdminClient();

        var response = await admin.PostAsync(Campaigns, Json.Raw(json.ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Body()).GetProperty("id").GetString()!;
        Assert.True(IdRules.IsValid(id), id);
        Assert.Equal($"{Campaigns}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task TheListHoldsEveryCampaignNotDeletedOldestFirst()
    {
        var region = NewRegion();
        var (admin, _) = await CreateAsync(CampaignJson(NewId("list-a"), region));
        var ids = new List<string>();
        foreach (var stem in new[] { "list-b", "list-c", "list-d" })
        {
            ids.Add((await CreateAsync(CampaignJson(NewId(stem), region), admin)).Campaign.GetProperty("id").GetString()!);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Campaigns}/{ids[1]}")).StatusCode);
        var listed = await ListedIds(admin);

        Assert.Equal([ids[0], ids[2]], listed.Where(ids.Contains));
        Assert.DoesNotContain(ids[1], listed);
        var items = (await admin.GetFromJsonAsync<JsonElement>(Campaigns)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(items.Order(), items);
    }

    [Fact]
    public async Task APatchOfOneFieldKeepsTheOthersAndMovesTheRevision()
    {
        var id = NewId("patch");
        var (admin, created) = await CreateAsync(CampaignJson(id, NewRegion()));

        var patched = await admin.PatchAsync($"{Campaigns}/{id}", Json.Raw("{\"title\":\"Winter coats\"}"));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await patched.Body();
        Assert.Equal("Winter coats", body.GetProperty("title").GetString());
        Assert.Equal(2, body.GetProperty("revision").GetInt64());
        Assert.True(body.GetProperty("updatedAt").GetDateTimeOffset() >= created.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), body.GetProperty("createdAt").GetDateTimeOffset());
        foreach (var field in created.EnumerateObject().Where(f => f.Name is not ("title" or "revision" or "updatedAt")))
        {
            Assert.Equal(field.Value.ToString(), body.GetProperty(field.Name).ToString());
        }

        Assert.Equal(body.ToString(), (await admin.GetFromJsonAsync<JsonElement>($"{Campaigns}/{id}")).ToString());
        var again = await (await admin.PatchAsync($"{Campaigns}/{id}", Json.Raw($"{{\"id\":\"{id}\",\"paused\":true}}"))).Body();
        Assert.True(again.GetProperty("paused").GetBoolean());
        Assert.Equal(3, again.GetProperty("revision").GetInt64());
        Assert.Equal("Winter coats", again.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ADeletedCampaignLeavesTheUsersAds()
    {
        var region = NewRegion();
        var id = NewId("deleted");
        var (admin, _) = await CreateAsync(CampaignJson(id, region));
        var user = await UserIn(region);
        Assert.Contains(id, await AdIds(user));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Campaigns}/{id}")).StatusCode);

        Assert.DoesNotContain(id, await AdIds(user));
        Assert.DoesNotContain(id, await AdIds(await UserIn(region)));
        // Its report stays, and says why it no longer delivers.
        var report = await ReportAsync(admin, id);
        Assert.Equal(1, report.GetProperty("impressions").GetInt64());
        Assert.Equal("deleted", report.GetProperty("pacing").GetString());
    }

    [Fact]
    public async Task TheReportCountsEachDeliveredSlateOnceAndEachClickIdOnce()
    {
        var region = NewRegion();
        var first = NewId("report-a");
        var second = NewId("report-b");
        var (admin, _) = await CreateAsync(CampaignJson(first, region, bid: 200));
        await CreateAsync(CampaignJson(second, region, bid: 100), admin);
        var user = await UserIn(region);

        // k shortens the reply only: the slate is delivered whole, so both campaigns count an impression.
        Assert.Equal([first], await AdIds(user, k: 1));
        Assert.Equal([first, second], (await AdIds(user)).Take(2));
        var before = await ReportAsync(admin, first);
        Assert.Equal((1, 0, 0.0), (before.GetProperty("impressions").GetInt64(), before.GetProperty("clicks").GetInt64(), before.GetProperty("ctr").GetDouble()));
        Assert.Equal(1, (await ReportAsync(admin, second)).GetProperty("impressions").GetInt64());

        var click = await ClickAsync(user, second, "click-1");
        var repeated = await ClickAsync(user, second, "click-1");
        await AdIds(await UserIn(region));

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var clickBody = await click.Body();
        Assert.Equal((second, "click-1", false), (clickBody.GetProperty("campaignId").GetString(), clickBody.GetProperty("clickId").GetString(), clickBody.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.True((await repeated.Body()).GetProperty("duplicate").GetBoolean());
        var report = await ReportAsync(admin, second);
        Assert.Equal(second, report.GetProperty("campaignId").GetString());
        Assert.Equal((2, 1), (report.GetProperty("impressions").GetInt64(), report.GetProperty("clicks").GetInt64()));
        Assert.Equal(0.5, report.GetProperty("ctr").GetDouble(), 9);
        Assert.Equal(998, report.GetProperty("remainingBudget").GetInt64());
        Assert.Equal("on-pace", report.GetProperty("pacing").GetString());
        var hours = report.GetProperty("byHour").EnumerateArray().ToList();
        Assert.Equal((2, 1), (hours.Sum(h => h.GetProperty("impressions").GetInt64()), hours.Sum(h => h.GetProperty("clicks").GetInt64())));
        Assert.Equal(0, (await ReportAsync(admin, first)).GetProperty("clicks").GetInt64());
    }

    [Fact]
    public async Task AClickOnAnAdNeverDeliveredIsAConflictAndCountsNothing()
    {
        var id = NewId("undelivered");
        var (admin, _) = await CreateAsync(CampaignJson(id, NewRegion()));
        var elsewhere = await UserIn(NewRegion());
        Assert.DoesNotContain(id, await AdIds(elsewhere));

        var problem = await (await ClickAsync(elsewhere, id, "click-1")).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal("This ad was never delivered to you.", problem.GetProperty("title").GetString());
        var report = await ReportAsync(admin, id);
        Assert.Equal((0, 0), (report.GetProperty("impressions").GetInt64(), report.GetProperty("clicks").GetInt64()));
    }

    [Fact]
    public async Task AClickOnAnUnknownCampaignIsNotFound()
    {
        var user = await UserIn(NewRegion());

        await (await ClickAsync(user, "no-such-campaign", "click-1")).AssertProblem(HttpStatusCode.NotFound, "id");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"clickId\":\"\"}")]
    [InlineData("{\"clickId\":\"two words\"}")]
    [InlineData("{\"clickId\":\"-leading-dash\"}")]
    [InlineData("{\"clickId\":7}")]
    [InlineData(null)]
    public async Task AClickWithoutAUsableClickIdIsRefusedNamingIt(string? json)
    {
        var region = NewRegion();
        var id = NewId("click-id");
        var (admin, _) = await CreateAsync(CampaignJson(id, region));
        var user = await UserIn(region);
        Assert.Contains(id, await AdIds(user));

        var response = await user.PostAsync($"/api/v1/ads/{id}/click", json is null ? null : Json.Raw(json));

        await response.AssertProblem(HttpStatusCode.BadRequest, "clickId");
        Assert.Equal(0, (await ReportAsync(admin, id)).GetProperty("clicks").GetInt64());
    }
}
