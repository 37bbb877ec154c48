using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>
/// The attacks that once got in: numbers for enum names, out-of-range colours, ids with a trailing newline,
/// nulls inside arrays, far-future timestamps, stale weather, control characters and script links. Each is
/// refused with a Problem Details naming the field, and changes nothing.
/// </summary>
public class InputHardeningTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static Dictionary<string, object?> Look(string id) => new()
    {
        ["id"] = id,
        ["title"] = "Navy coat over shirt and pants",
        ["gender"] = "women",
        ["seasons"] = new[] { "autumn" },
        ["occasions"] = new[] { "work" },
        ["minTempC"] = -2,
        ["maxTempC"] = 12,
        ["palette"] = new object[] { new { colour = "navy", weight = 0.7 } },
        ["garments"] = new object[] { new { slot = "outer", category = "coat", colour = "navy" } },
        ["styleVector"] = Enumerable.Range(0, 23).Select(i => i == 0 ? 0.9 : 0.0).ToArray(),
    };

    public static TheoryData<string, string, string> BadLookFields => new()
    {
        { "palette", """[{"colour":99,"weight":0.5}]""", "palette[0].colour" },
        { "palette", """[{"colour":0,"weight":0.5}]""", "palette[0].colour" },
        { "palette", "[null]", "palette[0]" },
        { "palette", """[{"colour":"navy","weight":2}]""", "palette[0].weight" },
        { "gender", "99", "gender" },
        { "seasons", "[99]", "seasons[0]" },
        { "occasions", "[99]", "occasions[0]" },
        { "garments", """[{"slot":3,"category":"coat","colour":"navy"}]""", "garments[0].slot" },
        { "garments", """[{"slot":"outer","category":"coat","colour":7}]""", "garments[0].colour" },
        { "garments", "[null]", "garments[0]" },
        { "id", "\"look-newline\\n\"", "id" },
        { "title", "\"Coat\\u202Egnp.exe\"", "title" },
        { "title", "\"Line\\nbreak\"", "title" },
        { "title", $"\"{new string('x', 201)}\"", "title" },
        { "imageUrl", "\"javascript:alert(1)\"", "imageUrl" },
        { "imageUrl", "\"http://cdn.example.com/look.jpg\"", "imageUrl" },
        { "imageUrl", "\"/api/v1/images/img-that-does-not-exist\"", "imageUrl" },
    };

    [Theory]
    [MemberData(nameof(BadLookFields))]
    public async Task ALookWithABadFieldIsRefusedByNameAndNotStored(string field, string json, string errorField)
    {
        var admin = await factory.AdminClient();
        var id = $"bad-{Guid.NewGuid():N}";
        var look = Look(id);
        look[field] = JsonDocument.Parse(json).RootElement;

        var response = await admin.PostAsync("/api/v1/looks", Json.Raw(JsonSerializer.Serialize(look)));

        await response.AssertProblem(HttpStatusCode.BadRequest, errorField);
        await (await factory.CreateClient().GetAsync($"/api/v1/looks/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnHttpsImageUrlIsAccepted()
    {
        var admin = await factory.AdminClient();
        var look = Look($"https-{Guid.NewGuid():N}");
        look["imageUrl"] = "https://cdn.example.com/looks/1.jpg";

        var response = await admin.PostAsJsonAsync("/api/v1/looks", look);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"n1","type":3,"lookId":"look-0000007"}""", "type")]
    [InlineData("""{"id":"n2","type":"colour","colour":0}""", "colour")]
    [InlineData("""{"id":"n3","type":"like","lookId":"look-0000007","occurredAt":"9999-01-01T00:00:00Z"}""", "occurredAt")]
    [InlineData("""{"id":"n4","type":"like","lookId":"look-0000007\n"}""", "lookId")]
    [InlineData("""{"id":"n5\n","type":"like","lookId":"look-0000007"}""", "id")]
    [InlineData("""{"signals":[null]}""", "signals[0]")]
    public async Task ABadSignalIsRefusedByNameAndChangesNothing(string json, string field)
    {
        var client = await factory.NewUserClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");

        var response = await client.PostAsync("/api/v1/users/me/signals", Json.Raw(json));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("""{"likedLookIds":[null]}""", "likedLookIds[0]")]
    [InlineData("""{"likedLookIds":["look-0000007\n"]}""", "likedLookIds[0]")]
    [InlineData("""{"likedStyles":[null]}""", "likedStyles[0]")]
    public async Task ASurveyWithABadElementNamesTheElement(string json, string field)
    {
        var client = await factory.NewUserClient();

        var response = await client.PostAsync("/api/v1/users/me/survey", Json.Raw(json));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        var taste = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal(0, taste.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task AUserIdWithATrailingNewlineIsNotASecondUser()
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/auth/dev-token", Json.Raw("""{"userId":"mina\n"}"""));

        await response.AssertProblem(HttpStatusCode.BadRequest, "userId");
    }

    [Fact]
    public async Task ARegionWithATrailingNewlineIsNotASecondRegion()
    {
        var admin = await factory.AdminClient();

        await (await admin.PutAsJsonAsync("/api/v1/regions/seoul%0A/weather", new { temperatureC = 3 })).AssertProblem(HttpStatusCode.BadRequest, "region");
        await (await factory.CreateClient().GetAsync("/api/v1/regions/seoul%0A/weather")).AssertProblem(HttpStatusCode.BadRequest, "region");
    }

    [Fact]
    public async Task AnOlderWeatherObservationIsRefusedAndTheNewerOneStays()
    {
        var admin = await factory.AdminClient();
        var region = $"stale-{Guid.NewGuid():N}"[..30];
        var now = DateTimeOffset.UtcNow;
        var newer = await admin.PutAsJsonAsync($"/api/v1/regions/{region}/weather", new { temperatureC = -6, condition = "snow", observedAt = now });
        Assert.Equal(HttpStatusCode.OK, newer.StatusCode);

        var older = await admin.PutAsJsonAsync($"/api/v1/regions/{region}/weather", new { temperatureC = 30, condition = "sunny", observedAt = now.AddHours(-1) });

        await older.AssertProblem(HttpStatusCode.Conflict, "observedAt");
        var stored = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/regions/{region}/weather");
        Assert.Equal(-6, stored.GetProperty("weather").GetProperty("temperatureC").GetSingle());
        Assert.Equal("snow", stored.GetProperty("weather").GetProperty("condition").GetString());
    }

    [Theory]
    [InlineData("""{"temperatureC":3,"observedAt":"9999-01-01T00:00:00Z"}""", "observedAt")]
    [InlineData("""{"temperatureC":3,"condition":"snow\u0000"}""", "condition")]
    [InlineData("""{"temperatureC":3,"condition":"\u202Ewons"}""", "condition")]
    public async Task BadWeatherIsRefusedByName(string json, string field)
    {
        var admin = await factory.AdminClient();
        var region = $"bad-{Guid.NewGuid():N}"[..30];

        await (await admin.PutAsync($"/api/v1/regions/{region}/weather", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);
        var stored = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/regions/{region}/weather");
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("weather").ValueKind);
    }

    [Fact]
    public async Task ALookCannotLinkAUsersClosetPhoto()
    {
        var (_, imageId) = await ClosetPhotoAsync();
        var admin = await factory.AdminClient();
        var look = Look($"thief-{Guid.NewGuid():N}");
        look["imageUrl"] = $"/api/v1/images/{imageId}";

        await (await admin.PostAsJsonAsync("/api/v1/looks", look)).AssertProblem(HttpStatusCode.BadRequest, "imageUrl");
    }

    [Fact]
    public async Task DeletingALookThatLinksAnotherLooksPhotoLeavesThatPhoto()
    {
        var admin = await factory.AdminClient();
        var owner = $"owner-{Guid.NewGuid():N}";
        var uploaded = await (await admin.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White), "a.png",
            ("id", owner), ("title", "Red"), ("gender", "women"), ("seasons", "summer"), ("occasions", "daily"), ("minTempC", "15"), ("maxTempC", "30")))).Body();
        var photo = uploaded.GetProperty("imageUrl").GetString()!;
        var borrower = Look($"borrower-{Guid.NewGuid():N}");
        borrower["imageUrl"] = photo;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/looks", borrower)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/looks/{borrower["id"]}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(photo)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/looks/{owner}")).StatusCode);
        await (await factory.CreateClient().GetAsync(photo)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingALookWhoseStoredImageUrlNamesAClosetPhotoLeavesTheUsersPhoto()
    {
        var (owner, imageId) = await ClosetPhotoAsync();
        // Written past the Api's checks, as an older build or an importer could have stored it.
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var lookId = $"legacy-{Guid.NewGuid():N}";
        var look = new Look(lookId, "Legacy", $"/api/v1/images/{imageId}", Gender.Women, [Season.Summer], [Occasion.Daily], 10, 30, [], [],
            StyleVector.Create([.. Enumerable.Range(0, 23).Select(i => i == 1 ? 1f : 0f)]));
        await grains.GetGrain<ICatalogGrain>(0).Upsert(look);

        var admin = await factory.AdminClient();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/looks/{lookId}")).StatusCode);

        var photo = await owner.GetAsync(await ClosetImageUrl(owner));
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
    }

    /// <summary>A user with one closet item; returns the user's client and the id of the item's stored photo.</summary>
    private async Task<(HttpClient Owner, string ImageId)> ClosetPhotoAsync()
    {
        var owner = await factory.NewUserClient();
        var item = await (await owner.PostAsync("/api/v1/users/me/closet/items",
            Pictures.Form(Pictures.Garment(SKColors.Navy, SKColors.White), "shirt.png", ("slot", "top")))).Body();
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var userId = await owner.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        var stored = await grains.GetGrain<IClosetGrain>(userId.GetProperty("userId").GetString()!).GetItem(item.GetProperty("id").GetString()!);
        return (owner, stored!.ImageId);
    }

    private static async Task<string> ClosetImageUrl(HttpClient owner)
    {
        var list = await owner.GetFromJsonAsync<JsonElement>("/api/v1/users/me/closet/items");
        return list.GetProperty("items")[0].GetProperty("imageUrl").GetString()!;
    }
}
