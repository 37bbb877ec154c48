using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OtMz.ApiTests;

/// <summary>
/// Every refusal of the campaign routes: each bad field, sent in a create and in a change, is answered 400 naming
/// it and leaves the campaigns as they were; an id in use is a conflict; only admins reach the admin routes.
/// </summary>
public partial class AdsApiTests
{
    /// <summary>A bad value for each rule, by name (the overrides are in <see cref="Spoiled"/>), and the field the answer must name.</summary>
    public static TheoryData<string, string> BadFields => new()
    {
        { "negative total budget", "totalBudget" },
        { "zero total budget", "totalBudget" },
        { "negative daily budget", "dailyBudget" },
        { "zero daily budget", "dailyBudget" },
        { "daily budget above the total", "dailyBudget" },
        { "cap of zero", "dailyCap" },
        { "negative cap", "dailyCap" },
        { "window ending before it starts", "endsAt" },
        { "window ending as it starts", "endsAt" },
        { "22 weights", "targetStyle" },
        { "24 weights", "targetStyle" },
        { "a NaN weight", "targetStyle[3]" },
        { "a weight beyond float", "targetStyle[4]" },
        { "a style name for a weight", "targetStyle[0]" },
        { "all weights zero", "targetStyle" },
        { "a negative weight", "targetStyle[5]" },
        { "an unknown look", "lookId" },
        { "a malformed look id", "lookId" },
        { "an item slot without a look", "itemSlot" },
        { "ages upside down", "maxAge" },
        { "a negative age", "minAge" },
        { "an age above 120", "maxAge" },
        { "an http link", "link" },
        { "a link that is no URL", "link" },
        { "a javascript image", "imageUrl" },
        { "an unknown time zone", "timeZone" },
        { "a time zone path", "timeZone" },
        { "a title over 120 characters", "title" },
        { "a blank title", "title" },
        { "a zero bid", "bid" },
        { "a gender that is not one", "targetGender" },
        { "a region twice", "regions[1]" },
        { "no body", "$" },
    };

    private static JsonObject? Spoiled(string name)
    {
        JsonArray Weights(int index, JsonNode? value)
        {
            var weights = Target();
            weights[index] = value;
            return weights;
        }

        return name switch
        {
            "negative total budget" => new() { ["totalBudget"] = -1 },
            "zero total budget" => new() { ["totalBudget"] = 0 },
            "negative daily budget" => new() { ["dailyBudget"] = -5 },
            "zero daily budget" => new() { ["dailyBudget"] = 0 },
            "daily budget above the total" => new() { ["totalBudget"] = 100, ["dailyBudget"] = 101 },
            "cap of zero" => new() { ["dailyCap"] = 0 },
            "negative cap" => new() { ["dailyCap"] = -1 },
            "window ending before it starts" => new() { ["startsAt"] = "2030-01-02T00:00:00+09:00", ["endsAt"] = "2030-01-01T00:00:00+09:00" },
            "window ending as it starts" => new() { ["startsAt"] = "2030-01-02T00:00:00+09:00", ["endsAt"] = "2030-01-01T15:00:00Z" },
            "22 weights" => new() { ["targetStyle"] = Target(StyleTaxonomy.Count - 1) },
            "24 weights" => new() { ["targetStyle"] = Target(StyleTaxonomy.Count + 1) },
            // JSON has no NaN: the string is what a client can send, and numbers are numbers only.
            "a NaN weight" => new() { ["targetStyle"] = Weights(3, "NaN") },
            // 1e400 is a JSON number no float holds; the reader refuses it rather than make it Infinity.
            "a weight beyond float" => new() { ["targetStyle"] = Weights(4, JsonNode.Parse("1e400")) },
            "a style name for a weight" => new() { ["targetStyle"] = Weights(0, "classic") },
            "all weights zero" => new() { ["targetStyle"] = new JsonArray([.. Enumerable.Range(0, StyleTaxonomy.Count).Select(_ => (JsonNode)0)]) },
            "a negative weight" => new() { ["targetStyle"] = Weights(5, -0.1) },
            "an unknown look" => new() { ["lookId"] = "look-that-is-not-there" },
            "a malformed look id" => new() { ["lookId"] = "../look" },
            "an item slot without a look" => new() { ["itemSlot"] = "top" },
            "ages upside down" => new() { ["minAge"] = 40, ["maxAge"] = 20 },
            "a negative age" => new() { ["minAge"] = -1 },
            "an age above 120" => new() { ["maxAge"] = 121 },
            "an http link" => new() { ["link"] = "http://shop.example.com/coats" },
            "a link that is no URL" => new() { ["link"] = "shop.example.com/coats" },
            "a javascript image" => new() { ["imageUrl"] = "javascript:alert(1)" },
            "an unknown time zone" => new() { ["timeZone"] = "Mars/Olympus_Mons" },
            "a time zone path" => new() { ["timeZone"] = "../../../etc/passwd" },
            "a title over 120 characters" => new() { ["title"] = new string('t', 121) },
            "a blank title" => new() { ["title"] = "   " },
            "a zero bid" => new() { ["bid"] = 0 },
            "a gender that is not one" => new() { ["targetGender"] = "robot" },
            "a region twice" => new() { ["regions"] = new JsonArray("seoul", "Seoul") },
            "no body" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
        };
    }

    /// <summary>The admin's view of the campaigns: the list and each named campaign's read, status and body.</summary>
    private static async Task<string> StateAsync(HttpClient admin, params string[] ids)
    {
        var parts = new List<string> { await admin.GetStringAsync(Campaigns) };
        foreach (var id in ids)
        {
            var response = await admin.GetAsync($"{Campaigns}/{id}");
            parts.Add(response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : $"{id} {(int)response.StatusCode}");
        }

        return string.Join("\n", parts);
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task ABadFieldIsRefusedNamingItAndChangesNothing(string name, string field)
    {
        var region = NewRegion();
        var stored = NewId("stored");
        var refused = NewId("refused");
        var (admin, _) = await CreateAsync(CampaignJson(stored, region));
        var spoiled = Spoiled(name);
        var before = await StateAsync(admin, stored, refused);

        HttpContent? Body(JsonObject? over)
        {
            if (spoiled is null)
            {
                return null;
            }

            var body = over ?? new JsonObject();
            foreach (var (key, value) in spoiled)
            {
                body[key] = value?.DeepClone();
            }

            return Json.Raw(body.ToJsonString());
        }

        var create = await admin.PostAsync(Campaigns, Body(CampaignJson(refused, region)));
        var change = await admin.PatchAsync($"{Campaigns}/{stored}", Body(null));

        await create.AssertProblem(HttpStatusCode.BadRequest, field);
        await change.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await StateAsync(admin, stored, refused));
    }

    [Fact]
    public async Task AnItemSlotTheLookDoesNotHaveIsRefusedAndOneItHasIsKept()
    {
        var look = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/looks/look-0000001");
        var slots = look.GetProperty("garments").EnumerateArray().Select(g => g.GetProperty("slot").GetString()!).ToHashSet();
        var missing = OtMz.Api.Infrastructure.WireNames.Of<GarmentSlot>().First(s => !slots.Contains(s));
        var id = NewId("item-slot");
        var json = CampaignJson(id, NewRegion());
        json["lookId"] = "look-0000001";
        json["itemSlot"] = missing;
        var admin = await factory.AdminClient();
        var before = await StateAsync(admin, id);

        await (await admin.PostAsync(Campaigns, Json.Raw(json.ToJsonString()))).AssertProblem(HttpStatusCode.BadRequest, "itemSlot");
        Assert.Equal(before, await StateAsync(admin, id));

        json["itemSlot"] = slots.First();
        var (_, created) = await CreateAsync(json, admin);
        Assert.Equal(("look-0000001", slots.First()), (created.GetProperty("lookId").GetString(), created.GetProperty("itemSlot").GetString()));
    }

    [Fact]
    public async Task AnIdInUseIsAConflictAndTheStoredCampaignStays()
    {
        var id = NewId("twice");
        var region = NewRegion();
        var (admin, _) = await CreateAsync(CampaignJson(id, region));
        var before = await StateAsync(admin, id);
        var other = CampaignJson(id, region);
        other["title"] = "Someone else's coats";

        await (await admin.PostAsync(Campaigns, Json.Raw(other.ToJsonString()))).AssertProblem(HttpStatusCode.Conflict, "id");

        Assert.Equal(before, await StateAsync(admin, id));
        // A deleted campaign's id stays taken: its report is still read by that id.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Campaigns}/{id}")).StatusCode);
        await (await admin.PostAsync(Campaigns, Json.Raw(other.ToJsonString()))).AssertProblem(HttpStatusCode.Conflict, "id");
    }

    [Theory]
    [InlineData("{\"id\":\"another-id\"}", "id")]
    [InlineData("{\"id\":\"another-id\",\"title\":\"Renamed\"}", "id")]
    [InlineData("{}", "$")]
    [InlineData("{\"title\":null}", "$")]
    [InlineData("{\"title\":", "title")]
    public async Task APatchThatChangesTheIdOrNothingIsRefused(string json, string field)
    {
        var id = NewId("rename");
        var (admin, _) = await CreateAsync(CampaignJson(id, NewRegion()));
        var before = await StateAsync(admin, id, "another-id");

        await (await admin.PatchAsync($"{Campaigns}/{id}", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);

        Assert.Equal(before, await StateAsync(admin, id, "another-id"));
    }

    [Fact]
    public async Task OnlyAdminsReachTheCampaignRoutesAndOnlySignedInUsersClick()
    {
        var id = NewId("guarded");
        var region = NewRegion();
        var (admin, _) = await CreateAsync(CampaignJson(id, region));
        var user = await UserIn(region);
        var anonymous = factory.CreateClient();
        var before = await StateAsync(admin, id, "guarded-new");
        var routes = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Post, Campaigns, CampaignJson("guarded-new", region).ToJsonString()),
            (HttpMethod.Get, Campaigns, null),
            (HttpMethod.Get, $"{Campaigns}/{id}", null),
            (HttpMethod.Patch, $"{Campaigns}/{id}", "{\"paused\":true}"),
            (HttpMethod.Delete, $"{Campaigns}/{id}", null),
            (HttpMethod.Get, $"{Campaigns}/{id}/report", null),
        };

        foreach (var (method, path, body) in routes)
        {
            var asUser = await user.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : Json.Raw(body) });
            var asNobody = await anonymous.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : Json.Raw(body) });
            Assert.True(asUser.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} for a user: {(int)asUser.StatusCode}");
            Assert.True(asNobody.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} without a token: {(int)asNobody.StatusCode}");
        }

        Assert.Equal(before, await StateAsync(admin, id, "guarded-new"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/ads/{id}/click", new { clickId = "c-1" })).StatusCode);
        Assert.Equal(0, (await ReportAsync(admin, id)).GetProperty("clicks").GetInt64());
    }
}
