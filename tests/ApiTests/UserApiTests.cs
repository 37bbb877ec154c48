using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OtMz.ApiTests;

public class UserApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<string> SomeLookId(string query = "limit=1")
    {
        var page = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/looks?{query}");
        return page.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task MeReturnsTheProfileAndATasteSummary()
    {
        var me = await (await factory.ClientFor("alice-me")).GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal("alice-me", me.GetProperty("userId").GetString());
        Assert.Equal(5, me.GetProperty("topStyles").GetArrayLength());
        Assert.True(me.TryGetProperty("version", out _));
        Assert.True(me.TryGetProperty("profile", out _));
    }

    [Fact]
    public async Task TheProfileIsStored()
    {
        var client = await factory.NewUserClient();
        var response = await client.PutAsJsonAsync("/api/v1/users/me/profile", new { gender = "men", birthYear = 1999, region = "Seoul", occasion = "work" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("profile");
        Assert.Equal("men", profile.GetProperty("gender").GetString());
        Assert.Equal(1999, profile.GetProperty("birthYear").GetInt32());
        Assert.Equal("seoul", profile.GetProperty("region").GetString());
        Assert.Equal("work", profile.GetProperty("occasion").GetString());
    }

    [Theory]
    [InlineData("{\"birthYear\":1800}", "birthYear")]
    [InlineData("{\"region\":\"no spaces/please\"}", "region")]
    [InlineData("{\"gender\":\"x\"}", "gender")]
    [InlineData("{\"occasion\":\"funeral\"}", "occasion")]
    public async Task ABadProfileNamesTheFieldAndChangesNothing(string json, string field)
    {
        var client = await factory.NewUserClient();
        await (await client.PutAsync("/api/v1/users/me/profile", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task TheSurveySeedsTheTaste()
    {
        var client = await factory.NewUserClient();
        var look = await SomeLookId("style=resort&limit=1");
        var response = await client.PostAsJsonAsync("/api/v1/users/me/survey", new { likedLookIds = new[] { look }, likedStyles = new[] { "resort" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var taste = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal("resort", taste.GetProperty("styles")[0].GetProperty("key").GetString());
        Assert.Equal(23, taste.GetProperty("vector").GetArrayLength());
        Assert.True(taste.GetProperty("version").GetInt64() >= 1);
        Assert.True(taste.TryGetProperty("colours", out _));
        Assert.True(taste.TryGetProperty("updatedAt", out _));
    }

    [Fact]
    public async Task ASurveyWithAnUnknownStyleOrLookNamesItAndChangesNothing()
    {
        var client = await factory.NewUserClient();
        await (await client.PostAsJsonAsync("/api/v1/users/me/survey", new { likedStyles = new[] { "goth" } })).AssertProblem(HttpStatusCode.BadRequest, "likedStyles[0]");
        await (await client.PostAsJsonAsync("/api/v1/users/me/survey", new { likedLookIds = new[] { "look-nope" } })).AssertProblem(HttpStatusCode.NotFound, "likedLookIds[0]");
        await (await client.PostAsJsonAsync("/api/v1/users/me/survey", new { })).AssertProblem(HttpStatusCode.BadRequest, "likedLookIds");
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ASingleSignalIsAcceptedAndARepeatIsADuplicate()
    {
        var client = await factory.NewUserClient();
        var signal = new { id = "sig-1", type = "like", lookId = await SomeLookId() };

        var first = await client.PostAsJsonAsync("/api/v1/users/me/signals", signal);
        var again = await client.PostAsJsonAsync("/api/v1/users/me/signals", signal);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var ack = await first.Body();
        Assert.Equal(1, ack.GetProperty("accepted").GetInt32());
        Assert.Equal(0, ack.GetProperty("duplicates").GetInt32());
        var repeat = await again.Body();
        Assert.Equal(0, repeat.GetProperty("accepted").GetInt32());
        Assert.Equal(1, repeat.GetProperty("duplicates").GetInt32());
        Assert.Equal(ack.GetProperty("version").GetInt64(), repeat.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ABatchOfSignalsIsAppliedWhole()
    {
        var client = await factory.NewUserClient();
        var look = await SomeLookId();
        var response = await client.PostAsJsonAsync("/api/v1/users/me/signals", new
        {
            signals = new object[]
            {
                new { id = "b1", type = "dwell", lookId = look, dwellMs = 15000 },
                new { id = "b2", type = "colour", colour = "skyblue" },
                new { id = "b3", type = "save", lookId = look },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Body()).GetProperty("accepted").GetInt32());
        var taste = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal("skyblue", taste.GetProperty("colours")[0].GetProperty("colour").GetString());
    }

    [Fact]
    public async Task ASignalAboutAnUnknownLookIs404AndTheBatchChangesNothing()
    {
        var client = await factory.NewUserClient();
        var response = await client.PostAsJsonAsync("/api/v1/users/me/signals", new
        {
            signals = new object[] { new { id = "ok", type = "like", lookId = await SomeLookId() }, new { id = "bad", type = "like", lookId = "look-nope" } },
        });
        await response.AssertProblem(HttpStatusCode.NotFound, "signals[1].lookId");
        var single = await client.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "bad", type = "like", lookId = "look-nope" });
        await single.AssertProblem(HttpStatusCode.NotFound, "lookId");
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("signalsApplied").GetInt64());
    }

    [Theory]
    [InlineData("{\"id\":\"s\",\"type\":\"teleport\",\"lookId\":\"x\"}", "type")]
    [InlineData("{\"id\":\"s\",\"lookId\":\"x\"}", "type")]
    [InlineData("{\"type\":\"like\",\"lookId\":\"x\"}", "id")]
    [InlineData("{\"id\":\"s\",\"type\":\"like\"}", "lookId")]
    [InlineData("{\"id\":\"s\",\"type\":\"dwell\",\"lookId\":\"x\"}", "dwellMs")]
    [InlineData("{\"id\":\"s\",\"type\":\"dwell\",\"lookId\":\"x\",\"dwellMs\":-5}", "dwellMs")]
    [InlineData("{\"id\":\"s\",\"type\":\"colour\",\"colour\":\"teal\"}", "colour")]
    [InlineData("{\"signals\":[{\"id\":\"s\",\"type\":\"colour\"}]}", "signals[0].colour")]
    [InlineData("{\"signals\":[]}", "signals")]
    [InlineData("{\"id\":", "id")]
    [InlineData("[1,2]", "$")]
    public async Task EachSignalRuleNamesItsField(string json, string field)
    {
        var client = await factory.NewUserClient();
        await (await client.PostAsync("/api/v1/users/me/signals", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AnOversizeBatchIs413AndChangesNothing()
    {
        var client = await factory.NewUserClient();
        var look = await SomeLookId();
        var signals = Enumerable.Range(0, 101).Select(i => new { id = $"s{i}", type = "like", lookId = look }).ToArray();
        await (await client.PostAsJsonAsync("/api/v1/users/me/signals", new { signals })).AssertProblem(HttpStatusCode.RequestEntityTooLarge, "signals");
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("signalsApplied").GetInt64());
    }

    [Fact]
    public async Task ABodyOverTheByteLimitIs413()
    {
        var client = await factory.NewUserClient();
        var huge = $"{{\"id\":\"s\",\"type\":\"like\",\"lookId\":\"{new string('x', 300_000)}\"}}";
        await (await client.PostAsync("/api/v1/users/me/signals", Json.Raw(huge))).AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task RecommendationsComeWithReasonsAndFollowALike()
    {
        var client = await factory.NewUserClient();
        // A taste with a style to match: a taste spread evenly over the styles matches on none, and names none.
        (await client.PostAsJsonAsync("/api/v1/users/me/survey", new { likedStyles = new[] { "punk" } })).EnsureSuccessStatusCode();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/recommendations/looks?k=10");
        Assert.Equal(10, before.GetProperty("items").GetArrayLength());
        var item = before.GetProperty("items")[0];
        Assert.True(item.GetProperty("look").TryGetProperty("styleVector", out _));
        Assert.True(item.TryGetProperty("score", out _));
        Assert.Contains(item.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == "style" && r.GetProperty("key").GetString() == "punk");
        Assert.True(before.TryGetProperty("generatedAt", out _));

        var look = await SomeLookId("style=military&limit=1");
        (await client.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "l1", type = "like", lookId = look })).EnsureSuccessStatusCode();
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/recommendations/looks?k=10&occasion=daily");
        Assert.True(after.GetProperty("version").GetInt64() > before.GetProperty("version").GetInt64());
        Assert.All(after.GetProperty("items").EnumerateArray(), i =>
            Assert.Contains("daily", i.GetProperty("look").GetProperty("occasions").EnumerateArray().Select(o => o.GetString())));
    }

    [Fact]
    public async Task AdsAreRankedByTheTasteAndExplained()
    {
        var client = await factory.NewUserClient();
        (await client.PostAsJsonAsync("/api/v1/users/me/survey", new { likedStyles = new[] { "punk" } })).EnsureSuccessStatusCode();

        var ads = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/recommendations/ads?k=3");

        var items = ads.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.True(ads.GetProperty("version").GetInt64() >= 1);
        Assert.StartsWith("ad-punk-", items[0].GetProperty("campaign").GetProperty("id").GetString());
        Assert.Equal("punk", items[0].GetProperty("reasons")[0].GetProperty("key").GetString());
        // A user sees the creative, never the campaign's targeting or budgets.
        var campaign = items[0].GetProperty("campaign");
        Assert.StartsWith("https://", campaign.GetProperty("link").GetString());
        Assert.All(new[] { "targetStyle", "totalBudget", "bid", "regions", "dailyCap" }, name => Assert.False(campaign.TryGetProperty(name, out _), name));
    }

    [Theory]
    [InlineData("k=0")]
    [InlineData("k=21")]
    public async Task ABadAdsQueryNamesK(string query)
    {
        var client = await factory.NewUserClient();
        await (await client.GetAsync($"/api/v1/users/me/recommendations/ads?{query}")).AssertProblem(HttpStatusCode.BadRequest, "k");
    }

    [Theory]
    [InlineData("k=0", "k")]
    [InlineData("k=51", "k")]
    [InlineData("occasion=funeral", "occasion")]
    public async Task ABadRecommendationQueryNamesTheParameter(string query, string field)
    {
        var client = await factory.NewUserClient();
        await (await client.GetAsync($"/api/v1/users/me/recommendations/looks?{query}")).AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("GET", "/api/v1/users/me")]
    [InlineData("GET", "/api/v1/users/me/taste")]
    [InlineData("PUT", "/api/v1/users/me/profile")]
    [InlineData("POST", "/api/v1/users/me/survey")]
    [InlineData("POST", "/api/v1/users/me/signals")]
    [InlineData("GET", "/api/v1/users/me/recommendations/looks")]
    [InlineData("GET", "/api/v1/users/me/recommendations/ads")]
    [InlineData("DELETE", "/api/v1/users/me")]
    public async Task EveryUserRouteNeedsAToken(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "GET" or "DELETE" ? null : Json.Raw("{}") };
        await (await factory.CreateClient().SendAsync(request)).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AForgedTokenIsRefused()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl");
        await (await client.GetAsync("/api/v1/users/me")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnotherUsersDataIsUnreachable()
    {
        var alice = await factory.ClientFor("alice-private");
        var mallory = await factory.ClientFor("mallory");
        (await alice.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "a1", type = "colour", colour = "wine" })).EnsureSuccessStatusCode();

        var malloryTaste = await mallory.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Empty(malloryTaste.GetProperty("colours").EnumerateArray());
        foreach (var path in new[] { "/api/v1/users/alice-private", "/api/v1/users/alice-private/taste", "/api/v1/users/alice-private/recommendations/looks" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await mallory.GetAsync(path)).StatusCode);
        }

        // Mallory's own erase touches only Mallory.
        Assert.Equal(HttpStatusCode.NoContent, (await mallory.DeleteAsync("/api/v1/users/me")).StatusCode);
        var aliceTaste = await alice.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal("wine", aliceTaste.GetProperty("colours")[0].GetProperty("colour").GetString());
    }

    [Fact]
    public async Task EraseForgetsTheUser()
    {
        var client = await factory.NewUserClient();
        (await client.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "e1", type = "colour", colour = "red" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/users/me")).StatusCode);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(0, me.GetProperty("signalsApplied").GetInt64());
    }
}
