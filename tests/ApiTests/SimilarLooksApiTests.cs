using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OtMz.Grains;

namespace OtMz.ApiTests;

/// <summary>
/// "More like this" (GET /api/v1/looks/{id}/similar) and exclude= on it and on the recommendations, through the real
/// host: the answers are checked against the whole filtered catalog as the public catalog route lists it.
/// </summary>
public class SimilarLooksApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>What a float's JSON round trip and the shards' SIMD sums may move a cosine by.</summary>
    private const float Rounding = 1e-4f;

    private static readonly float BandWidth = OtMz.Grains.Ranking.SimilarRanker.BandWidth;

    private static string Season => SeasonCalendar.Of(DateTimeOffset.UtcNow).ToString().ToLowerInvariant();

    private async Task<HttpClient> WomanClient()
    {
        var client = await factory.NewUserClient();
        (await client.PutAsJsonAsync("/api/v1/users/me/profile", new { gender = "women" })).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Every look of the catalog that passes the filters in <paramref name="query"/>, by id.</summary>
    private async Task<Dictionary<string, JsonElement>> Catalog(string query)
    {
        var client = factory.CreateClient();
        var looks = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks?{query}&limit=100{(cursor is null ? "" : $"&cursor={cursor}")}");
            foreach (var look in page.GetProperty("items").EnumerateArray())
            {
                looks[look.GetProperty("id").GetString()!] = look;
            }

            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return looks;
    }

    private async Task<JsonElement> MenOnlyLook()
    {
        var page = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/looks?gender=men&limit=100");
        return page.GetProperty("items").EnumerateArray().First(l => l.GetProperty("gender").GetString() == "men");
    }

    private static float[] Vector(JsonElement look) => [.. look.GetProperty("styleVector").EnumerateArray().Select(v => v.GetSingle())];

    private static float Cosine(JsonElement a, JsonElement b) => VectorMath.Cosine(Vector(a), Vector(b));

    private static List<string> Ids(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("look").GetProperty("id").GetString()!)];

    [Fact]
    public async Task SimilarLooksAreTheNearestThatPassTheUsersFiltersInOrderWithTheStylesTheyShare()
    {
        var client = await WomanClient();
        var source = await MenOnlyLook();
        var sourceId = source.GetProperty("id").GetString()!;
        var allowed = await Catalog($"gender=women&season={Season}");

        var similar = await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{sourceId}/similar?k=15");

        Assert.Equal(sourceId, similar.GetProperty("lookId").GetString());
        var items = similar.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(15, items.Count);
        var scores = items.Select(i => i.GetProperty("score").GetSingle()).ToList();
        foreach (var item in items)
        {
            var look = item.GetProperty("look");
            var id = look.GetProperty("id").GetString()!;
            Assert.NotEqual(sourceId, id);
            // A woman never gets a men-only look, nor one out of season: every look is one the filtered catalog lists.
            Assert.Contains(look.GetProperty("gender").GetString(), new[] { "women", "unisex" });
            Assert.Contains(Season, look.GetProperty("seasons").EnumerateArray().Select(s => s.GetString()));
            Assert.True(allowed.ContainsKey(id), $"{id} does not pass the user's filters");
            Assert.Equal(Cosine(source, look), item.GetProperty("score").GetSingle(), Rounding);

            var reasons = item.GetProperty("reasons").EnumerateArray().ToList();
            Assert.InRange(reasons.Count, 1, 3);
            Assert.All(reasons, r => Assert.Equal("style", r.GetProperty("kind").GetString()));
            var contributions = reasons.Select(r => r.GetProperty("contribution").GetSingle()).ToList();
            Assert.Equal(contributions.OrderDescending(), contributions);
            Assert.True(StyleTaxonomy.TryGetIndex(reasons[0].GetProperty("key").GetString(), out var shared));
            Assert.True(Vector(source)[shared] > 0 && Vector(look)[shared] > 0);
        }

        // Most similar first: the taste may only reorder looks within one band of similarity.
        for (var i = 0; i < scores.Count; i++)
        {
            Assert.All(scores.Skip(i + 1), later => Assert.True(later < scores[i] + BandWidth + Rounding, $"{later} after {scores[i]}"));
        }

        // And nothing that passes the filters and was left out is more similar than the last band.
        var chosen = items.Select(i => i.GetProperty("look").GetProperty("id").GetString()).ToHashSet();
        var missed = allowed.Values.Where(l => !chosen.Contains(l.GetProperty("id").GetString()) && l.GetProperty("id").GetString() != sourceId)
            .Where(l => Cosine(source, l) >= scores.Min() + BandWidth + Rounding)
            .Select(l => l.GetProperty("id").GetString())
            .ToList();
        Assert.Empty(missed);
    }

    [Fact]
    public async Task ADislikedLookIsNeverSimilarAndKDefaultsToTen()
    {
        var client = await WomanClient();
        var source = (await Catalog($"gender=women&season={Season}")).Keys.First();
        var before = Ids(await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{source}/similar"));
        Assert.Equal(10, before.Count);

        (await client.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "d1", type = "dislike", lookId = before[0] })).EnsureSuccessStatusCode();
        var after = Ids(await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{source}/similar"));

        Assert.DoesNotContain(before[0], after);
        Assert.Equal(10, after.Count);
    }

    [Fact]
    public async Task ExcludedLooksNeverComeBackAndTheSimilarListIsStillFull()
    {
        var client = await WomanClient();
        var source = (await Catalog($"gender=women&season={Season}")).Keys.Skip(3).First();
        var first = Ids(await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{source}/similar?k=12"));

        // Comma-separated, and the same ids repeated as parameters, give the same answer.
        var commas = Ids(await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{source}/similar?k=12&exclude={string.Join(',', first)}"));
        var repeated = Ids(await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{source}/similar?k=12&{string.Join('&', first.Select(id => $"exclude={id}"))}"));

        Assert.Equal(12, commas.Count);
        Assert.Empty(commas.Intersect(first));
        Assert.Equal(commas, repeated);
    }

    [Fact]
    public async Task ExcludedLooksLeaveTheRecommendationsFullAndTheCachedListUnchanged()
    {
        var client = await WomanClient();
        const string Looks = "/api/v1/users/me/recommendations/looks";
        var plain = await client.GetFromJsonAsync<JsonElement>($"{Looks}?k=20");
        var first = Ids(plain);
        Assert.Equal(20, first.Count);

        // The next 20 of the same ranking, as a client scrolling on would want them.
        var next = await client.GetFromJsonAsync<JsonElement>($"{Looks}?k=20&exclude={string.Join(',', first)}");
        var second = Ids(next);
        Assert.Equal(20, second.Count);
        Assert.Empty(second.Intersect(first));
        Assert.Equal(plain.GetProperty("version").GetInt64(), next.GetProperty("version").GetInt64());

        // More excluded than the cached ranking can spare: ranked again without them, still 20.
        var shown = first.Concat(second).ToList();
        var third = Ids(await client.GetFromJsonAsync<JsonElement>($"{Looks}?k=20&{string.Join('&', shown.Select(id => $"exclude={id}"))}"));
        Assert.Equal(20, third.Count);
        Assert.Empty(third.Intersect(shown));
        Assert.All(third, id => Assert.DoesNotContain(id, shown));

        // Nobody else's read sees the exclusions: the plain list is what it was.
        var again = await client.GetFromJsonAsync<JsonElement>($"{Looks}?k=20");
        Assert.Equal(first, Ids(again));
        Assert.Equal(plain.GetProperty("generatedAt").GetDateTimeOffset(), again.GetProperty("generatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task AnUnknownOrMalformedLookIsNotFoundNamingId()
    {
        var client = await factory.NewUserClient();
        await (await client.GetAsync("/api/v1/looks/look-that-is-not-there/similar")).AssertProblem(HttpStatusCode.NotFound, "id");
        await (await client.GetAsync("/api/v1/looks/not%20a%20look/similar")).AssertProblem(HttpStatusCode.NotFound, "id");
    }

    [Theory]
    [InlineData("k=0", "k")]
    [InlineData("k=51", "k")]
    [InlineData("exclude=look-0000001,not%20an%20id", "exclude")]
    [InlineData("exclude=look%2F1", "exclude")]
    public async Task ABadSimilarQueryNamesTheParameter(string query, string field)
    {
        var client = await factory.NewUserClient();
        await (await client.GetAsync($"/api/v1/looks/look-0000001/similar?{query}")).AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/v1/looks/look-0000001/similar")]
    [InlineData("/api/v1/users/me/recommendations/looks")]
    public async Task MoreThanTwoHundredExcludedIdsOrAMalformedOneAreRefusedNamingExclude(string path)
    {
        var client = await factory.NewUserClient();
        var tooMany = string.Join(',', Enumerable.Range(0, ExcludeRules.MaxIds + 1).Select(i => $"look-{i:D7}"));
        await (await client.GetAsync($"{path}?exclude={tooMany}")).AssertProblem(HttpStatusCode.BadRequest, "exclude");
        await (await client.GetAsync($"{path}?exclude=look-0000001&exclude=-dash")).AssertProblem(HttpStatusCode.BadRequest, "exclude");
    }

    [Fact]
    public async Task TheServedDocumentDescribesTheSimilarRouteAndExcludeAsAListOfIds()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var similar = paths.GetProperty("/api/v1/looks/{id}/similar").GetProperty("get");
        var recommendations = paths.GetProperty("/api/v1/users/me/recommendations/looks").GetProperty("get");

        Assert.Equal(["id", "k", "exclude"], similar.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.True(similar.GetProperty("responses").TryGetProperty("404", out _));
        foreach (var operation in new[] { similar, recommendations })
        {
            var exclude = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "exclude");
            Assert.Equal("query", exclude.GetProperty("in").GetString());
            Assert.Equal("array", exclude.GetProperty("schema").GetProperty("type").GetString());
            Assert.Contains("200", exclude.GetProperty("description").GetString());
        }
    }

    [Fact]
    public async Task SimilarLooksNeedAToken() =>
        await (await factory.CreateClient().GetAsync("/api/v1/looks/look-0000001/similar")).AssertProblem(HttpStatusCode.Unauthorized);
}
