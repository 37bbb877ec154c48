using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OtMz.ApiTests;

public class PlatformApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnAdminSetsARegionsWeatherAndUsersThereAreReRanked()
    {
        var admin = await factory.AdminClient();
        var user = await factory.NewUserClient();
        var region = $"r{Guid.NewGuid():N}"[..12];
        (await user.PutAsJsonAsync("/api/v1/users/me/profile", new { region })).EnsureSuccessStatusCode();
        var before = await user.GetFromJsonAsync<JsonElement>("/api/v1/users/me/recommendations/looks?k=5");

        var put = await admin.PutAsJsonAsync($"/api/v1/regions/{region}/weather", new { temperatureC = -12.5, precipitationMm = 3.0, condition = "snow", observedAt = "2026-11-24T09:00:00Z" });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var weather = await put.Body();
        Assert.Equal(1, weather.GetProperty("version").GetInt64());
        Assert.Equal(-12.5, weather.GetProperty("weather").GetProperty("temperatureC").GetDouble());
        var read = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/regions/{region}/weather");
        Assert.Equal("snow", read.GetProperty("weather").GetProperty("condition").GetString());
        var after = await user.GetFromJsonAsync<JsonElement>("/api/v1/users/me/recommendations/looks?k=5");
        Assert.True(after.GetProperty("version").GetInt64() > before.GetProperty("version").GetInt64());
        // The weather now weighs in every score; it is a reason only where it reordered a look, and then it names
        // the region's temperature.
        Assert.NotEqual(before.GetProperty("items")[0].GetProperty("score").GetDouble(), after.GetProperty("items")[0].GetProperty("score").GetDouble());
        Assert.All(after.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("reasons").EnumerateArray()).Where(r => r.GetProperty("kind").GetString() == "weather"),
            r => Assert.Contains("-12.5°C", r.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData("{\"precipitationMm\":1}", "temperatureC")]
    [InlineData("{\"temperatureC\":99}", "temperatureC")]
    [InlineData("{\"temperatureC\":10,\"precipitationMm\":-1}", "precipitationMm")]
    public async Task BadWeatherNamesTheField(string json, string field)
    {
        var admin = await factory.AdminClient();
        await (await admin.PutAsync("/api/v1/regions/seoul/weather", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ABadRegionNameIsRefused()
    {
        var admin = await factory.AdminClient();
        await (await admin.PutAsync("/api/v1/regions/not%20a%20region/weather", Json.Raw("{\"temperatureC\":1}"))).AssertProblem(HttpStatusCode.BadRequest, "region");
    }

    [Fact]
    public async Task OnlyAdminsSetTheWeather()
    {
        var user = await factory.NewUserClient();
        await (await user.PutAsync("/api/v1/regions/seoul/weather", Json.Raw("{\"temperatureC\":1}"))).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ADevTokenCarriesTheUserAndExpiry()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/dev-token", new { userId = "bob" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Body();
        Assert.Equal(3, body.GetProperty("accessToken").GetString()!.Split('.').Length);
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData("{}", "userId")]
    [InlineData("{\"userId\":\"has space\"}", "userId")]
    [InlineData("{\"userId\":\"bob\",\"roles\":[\"root\"]}", "roles")]
    public async Task ABadDevTokenRequestNamesTheField(string json, string field) =>
        await (await factory.CreateClient().PostAsync("/api/v1/auth/dev-token", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task TheOpenApiDocumentListsEveryRouteOfApiMd()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var expected = new (string Path, string Method)[]
        {
            ("/api/v1/auth/dev-token", "post"),
            ("/api/v1/styles", "get"),
            ("/api/v1/looks", "get"),
            ("/api/v1/looks", "post"),
            ("/api/v1/looks/{id}", "get"),
            ("/api/v1/looks/{id}", "delete"),
            ("/api/v1/users/me", "get"),
            ("/api/v1/users/me", "delete"),
            ("/api/v1/users/me/profile", "put"),
            ("/api/v1/users/me/survey", "post"),
            ("/api/v1/users/me/taste", "get"),
            ("/api/v1/users/me/signals", "post"),
            ("/api/v1/users/me/recommendations/looks", "get"),
            ("/api/v1/looks/{id}/similar", "get"),
            ("/api/v1/users/me/recommendations/ads", "get"),
            ("/api/v1/regions/{region}/weather", "put"),
            ("/api/v1/users/me/closet/items", "post"),
            ("/api/v1/users/me/closet/items", "get"),
            ("/api/v1/users/me/closet/items/{id}", "get"),
            ("/api/v1/users/me/closet/items/{id}", "patch"),
            ("/api/v1/users/me/closet/items/{id}", "delete"),
            ("/api/v1/users/me/closet/items/{id}/cutout", "get"),
        };
        foreach (var (path, method) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing");
            Assert.True(item.TryGetProperty(method, out _), $"{method} {path} is missing");
        }

        var query = paths.GetProperty("/api/v1/looks").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["style", "gender", "season", "occasion", "colour", "cursor", "limit"], query);
        var recommendationQuery = paths.GetProperty("/api/v1/users/me/recommendations/looks").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["k", "occasion", "exclude"], recommendationQuery);

        // POST /looks takes JSON with a styleVector, or a photo the platform analyses.
        var lookBodies = paths.GetProperty("/api/v1/looks").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(lookBodies.TryGetProperty("application/json", out _), lookBodies.ToString());
        Assert.True(lookBodies.TryGetProperty("multipart/form-data", out _), lookBodies.ToString());
        var upload = paths.GetProperty("/api/v1/users/me/closet/items").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        var uploadFields = upload.GetProperty("multipart/form-data").ToString();
        foreach (var field in new[] { "image", "slot", "category" })
        {
            Assert.Contains($"\"{field}\"", uploadFields);
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var look = schemas.GetProperty("Look").GetProperty("properties");
        foreach (var field in new[] { "id", "title", "imageUrl", "gender", "seasons", "occasions", "minTempC", "maxTempC", "palette", "garments", "styleVector" })
        {
            Assert.True(look.TryGetProperty(field, out _), $"Look.{field} is missing");
        }

        var signal = schemas.GetProperty("SignalInput").GetProperty("properties");
        foreach (var field in new[] { "id", "type", "lookId", "itemId", "dwellMs", "colour", "occurredAt", "signals" })
        {
            Assert.True(signal.TryGetProperty(field, out _), $"signal.{field} is missing");
        }

        foreach (var field in new[] { "accepted", "duplicates", "version" })
        {
            Assert.True(schemas.GetProperty("SignalAck").GetProperty("properties").TryGetProperty(field, out _));
        }

        // The results' fields are always present (a null key is written as null), and the document says so.
        foreach (var (schema, fields) in new (string, string[])[]
        {
            ("RecommendedLook", ["look", "score", "reasons"]),
            ("RecommendedAd", ["campaign", "score", "reasons"]),
            ("Reason", ["kind", "key", "contribution", "text"]),
        })
        {
            Assert.True(schemas.GetProperty(schema).TryGetProperty("required", out var required), $"{schema} lists no required fields");
            Assert.Equal(fields, required.EnumerateArray().Select(f => f.GetString()));
        }

        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/startup")]
    public async Task HealthProbesAnswerWithoutAToken(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MetricsAreServedForPrometheus()
    {
        var client = await factory.NewUserClient();
        (await client.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "m1", type = "colour", colour = "red" })).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/v1/users/me/recommendations/looks?k=3")).EnsureSuccessStatusCode();

        // No management port is configured here, so an admin's token is what lets the scraper in (MetricsExposureTests).
        var metrics = await (await factory.AdminClient()).GetStringAsync("/metrics");

        Assert.Contains("otmz_signals_applied", metrics);
        Assert.Contains("otmz_recompute_duration", metrics);
        Assert.Contains("otmz_shard_query_duration", metrics);
    }

    [Fact]
    public async Task TheBrowsableApiUiIsServed()
    {
        var response = await factory.CreateClient().GetAsync("/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}

public class NoDevTokensTests(NoDevTokensApiFactory factory) : IClassFixture<NoDevTokensApiFactory>
{
    [Fact]
    public async Task DevTokensAre404WhenDisabled() =>
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/dev-token", new { userId = "bob" })).AssertProblem(HttpStatusCode.NotFound);
}
