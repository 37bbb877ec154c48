using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OtMz.ApiTests;

public class CatalogApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static object NewLook(string id, object? styleVector = null) => new
    {
        id,
        title = "Navy coat over shirt and pants",
        gender = "women",
        seasons = new[] { "autumn", "winter" },
        occasions = new[] { "work" },
        minTempC = -2,
        maxTempC = 12,
        palette = new[] { new { colour = "navy", weight = 0.7 }, new { colour = "beige", weight = 0.3 } },
        garments = new[] { new { slot = "outer", category = "coat", colour = "navy" }, new { slot = "top", category = "shirt", colour = "beige" } },
        styleVector = styleVector ?? Enumerable.Range(0, 23).Select(i => i == 0 ? 0.9 : i == 11 ? 0.5 : 0.0).ToArray(),
    };

    [Fact]
    public async Task StylesListsTheTwentyThreeStylesInOrder()
    {
        var styles = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/styles");
        Assert.Equal(23, styles.GetArrayLength());
        var first = styles[0];
        Assert.Equal(0, first.GetProperty("index").GetInt32());
        Assert.Equal("classic", first.GetProperty("key").GetString());
        Assert.Equal("클래식", first.GetProperty("nameKo").GetString());
        Assert.Equal("traditional", first.GetProperty("group").GetString());
        Assert.Equal("street", styles[22].GetProperty("key").GetString());
    }

    [Fact]
    public async Task LooksPageThroughTheWholeFilteredCatalogWithoutOverlap()
    {
        var client = factory.CreateClient();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks?style=classic&limit=25{(cursor is null ? "" : $"&cursor={cursor}")}");
            foreach (var look in page.GetProperty("items").EnumerateArray())
            {
                Assert.True(look.GetProperty("styleVector")[0].GetSingle() >= 0.5f);
                seen.Add(look.GetProperty("id").GetString()!);
            }

            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.NotEmpty(seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task LooksFiltersCombine()
    {
        var page = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/looks?gender=men&season=winter&occasion=daily&colour=black&limit=50");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, look =>
        {
            Assert.Contains(look.GetProperty("gender").GetString(), new[] { "men", "unisex" });
            Assert.Contains("winter", look.GetProperty("seasons").EnumerateArray().Select(s => s.GetString()));
            Assert.Contains("daily", look.GetProperty("occasions").EnumerateArray().Select(s => s.GetString()));
            Assert.Contains("black", look.GetProperty("palette").EnumerateArray().Select(p => p.GetProperty("colour").GetString()));
        });
    }

    [Theory]
    [InlineData("style=goth", "style")]
    [InlineData("gender=other", "gender")]
    [InlineData("season=monsoon", "season")]
    [InlineData("colour=teal", "colour")]
    [InlineData("occasion=brunch", "occasion")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("cursor=!!!", "cursor")]
    [InlineData("cursor=", "cursor")]
    [InlineData("cursor=bm90IGFuIGlk", "cursor")] // base64url of "not an id": decodes, but to no look id
    [InlineData("style=goth&limit=0&cursor=!!!", "style")]
    [InlineData("style=goth&limit=0&cursor=!!!", "limit")]
    [InlineData("style=goth&limit=0&cursor=!!!", "cursor")]
    public async Task ABadListQueryNamesTheParameter(string query, string field) =>
        await (await factory.CreateClient().GetAsync($"/api/v1/looks?{query}")).AssertProblem(HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task ALimitThatIsNotANumberIsAProblem() =>
        await (await factory.CreateClient().GetAsync("/api/v1/looks?limit=many")).AssertProblem(HttpStatusCode.BadRequest);

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task TheLimitsBoundsAreAccepted(int limit)
    {
        var page = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/looks?limit={limit}");
        Assert.Equal(limit, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task ACursorPastTheLastLookIsAnEmptyLastPage()
    {
        // "zzz" sorts after every look id in ordinal order; it is a well-formed id that no look has.
        var cursor = Convert.ToBase64String("zzz"u8).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var page = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/looks?cursor={cursor}");
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task GetReturnsALookWithEveryApiMdField()
    {
        var client = factory.CreateClient();
        var first = (await client.GetFromJsonAsync<JsonElement>("/api/v1/looks?limit=1")).GetProperty("items")[0];
        var look = await client.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{first.GetProperty("id").GetString()}");
        foreach (var field in new[] { "id", "title", "imageUrl", "gender", "seasons", "occasions", "minTempC", "maxTempC", "palette", "garments", "styleVector" })
        {
            Assert.True(look.TryGetProperty(field, out _), $"look has no {field}");
        }

        Assert.Equal(23, look.GetProperty("styleVector").GetArrayLength());
    }

    [Fact]
    public async Task AnUnknownLookIs404ProblemDetails() =>
        await (await factory.CreateClient().GetAsync("/api/v1/looks/look-nope")).AssertProblem(HttpStatusCode.NotFound);

    [Fact]
    public async Task AnAdminCreatesReplacesAndDeletesALook()
    {
        var admin = await factory.AdminClient();
        var id = $"look-admin-{Guid.NewGuid():N}";

        var created = await admin.PostAsJsonAsync("/api/v1/looks", NewLook(id));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/looks/{id}", created.Headers.Location?.OriginalString);
        var fetched = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/looks/{id}");
        Assert.Equal("coat", fetched.GetProperty("garments")[0].GetProperty("category").GetString());

        var replaced = await admin.PostAsJsonAsync("/api/v1/looks", NewLook(id));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/looks/{id}")).StatusCode);
        await (await admin.GetAsync($"/api/v1/looks/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/v1/looks/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ANewLookIsFoundByTheShardsAtOnce()
    {
        var admin = await factory.AdminClient();
        var id = $"look-live-{Guid.NewGuid():N}";
        var punk = Enumerable.Range(0, 23).Select(i => i == 20 ? 1.0 : 0.0).ToArray();
        (await admin.PostAsJsonAsync("/api/v1/looks", NewLook(id, punk))).EnsureSuccessStatusCode();

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/looks?style=punk&season=winter&occasion=work&gender=women&limit=100");
        Assert.Contains(id, page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task WritingALookNeedsTheAdminRole()
    {
        var user = await factory.NewUserClient();
        await (await user.PostAsJsonAsync("/api/v1/looks", NewLook("look-x"))).AssertProblem(HttpStatusCode.Forbidden);
        await (await user.DeleteAsync("/api/v1/looks/look-0000001")).AssertProblem(HttpStatusCode.Forbidden);
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/looks", NewLook("look-x"))).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AStyleVectorOfTheWrongLengthIsRefusedAndNothingIsStored()
    {
        var admin = await factory.AdminClient();
        var id = $"look-bad-{Guid.NewGuid():N}";
        var body = await (await admin.PostAsJsonAsync("/api/v1/looks", NewLook(id, new double[22]))).AssertProblem(HttpStatusCode.BadRequest, "styleVector");
        Assert.Contains("exactly 23", body.GetProperty("errors").GetProperty("styleVector")[0].GetString());
        await (await admin.GetAsync($"/api/v1/looks/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("\"0.5\"")]
    public async Task AStyleVectorEntryThatIsNotAFiniteJsonNumberIsRefusedNamingTheEntry(string entry)
    {
        var admin = await factory.AdminClient();
        var id = $"look-nan-{Guid.NewGuid():N}";
        var vector = Enumerable.Range(0, 23).Select(i => i == 4 ? entry : "0.5");
        var json = JsonSerializer.Serialize(NewLook(id)).Replace("\"styleVector\":[", $"\"styleVector\":[{string.Join(",", vector)}],\"ignored\":[");
        await (await admin.PostAsync("/api/v1/looks", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, "styleVector[4]");
        await (await admin.GetAsync($"/api/v1/looks/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"title\":\"\"}", "title")]
    [InlineData("{\"gender\":\"robot\"}", "gender")]
    [InlineData("{\"garments\":[{\"slot\":\"top\",\"category\":\"jeans\",\"colour\":\"red\"}]}", "garments[0].category")]
    [InlineData("{\"minTempC\":30,\"maxTempC\":10}", "minTempC")]
    [InlineData("{\"styleVector\":[-1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}", "styleVector")]
    public async Task EachLookRuleNamesItsField(string overrides, string field)
    {
        var admin = await factory.AdminClient();
        var look = JsonSerializer.SerializeToNode(NewLook($"look-rule-{Guid.NewGuid():N}"))!.AsObject();
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(overrides)!.AsObject().ToList())
        {
            look[key] = value?.DeepClone();
        }

        await (await admin.PostAsync("/api/v1/looks", Json.Raw(look.ToJsonString()))).AssertProblem(HttpStatusCode.BadRequest, field);
    }
}
