using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace OtMz.ApiTests.Contract;

/// <summary>
/// Drives every operation of the Api to at least one success and one refusal, through real requests, so that
/// <see cref="OpenApiContractTests"/> has exchanges to check whatever other tests ran before it. Each step says
/// which answer it expects, so a step that stopped producing its exchange fails here, by name. A new operation in
/// the document needs a step here too: the contract test fails until it has one.
/// </summary>
internal sealed partial class ContractDriver(ApiFactory factory)
{
    private const string Me = "/api/v1/users/me";
    private const string Items = "/api/v1/users/me/closet/items";

    public async Task DriveAsync()
    {
        var anonymous = factory.CreateClient();
        var user = await factory.NewUserClient();
        var admin = await factory.AdminClient();

        // Identity: dev-token (its success is also every ClientFor above).
        await Expect(anonymous.PostAsync("/api/v1/auth/dev-token", Json("{}")), HttpStatusCode.BadRequest);
        await Expect(anonymous.PostAsync("/api/v1/auth/dev-token", new StringContent("userId=x")), HttpStatusCode.UnsupportedMediaType);

        // Identity: sign-in with an ID token from the real OIDC server the factory trusts.
        var idToken = await factory.OidcIdTokenAsync($"contract-{Guid.NewGuid():N}");
        await Expect(anonymous.PostAsync("/api/v1/auth/oidc", Json($"{{\"provider\":\"{ApiFactory.OidcProvider}\",\"idToken\":\"{idToken}\"}}")), HttpStatusCode.OK);
        await Expect(anonymous.PostAsync("/api/v1/auth/oidc", Json($"{{\"provider\":\"{ApiFactory.OidcProvider}\",\"idToken\":\"{idToken[..^3]}abc\"}}")), HttpStatusCode.Unauthorized);
        await Expect(anonymous.PostAsync("/api/v1/auth/oidc", Json("{\"provider\":\"nobody\",\"idToken\":\"x\"}")), HttpStatusCode.BadRequest);
        await Expect(anonymous.PostAsync("/api/v1/auth/oidc", Json($"{{\"provider\":\"{ApiFactory.OidcProvider}\",\"code\":\"c\"}}")), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync("/api/v1/auth/providers"), HttpStatusCode.OK);

        // Identity: the Orleans dashboard's browser session (an admin's; a user is refused).
        await Expect(admin.PostAsync("/api/v1/auth/dashboard-session", null), HttpStatusCode.OK);
        await Expect(user.PostAsync("/api/v1/auth/dashboard-session", null), HttpStatusCode.Forbidden);
        await Expect(admin.DeleteAsync("/api/v1/auth/dashboard-session"), HttpStatusCode.NoContent);
        await Expect(anonymous.DeleteAsync("/api/v1/auth/dashboard-session"), HttpStatusCode.Unauthorized);

        // Taxonomy and catalog.
        var styles = await Expect(anonymous.GetAsync("/api/v1/styles"), HttpStatusCode.OK);
        var styleKey = styles[0].GetProperty("key").GetString()!;
        var page = await Expect(anonymous.GetAsync("/api/v1/looks?limit=3"), HttpStatusCode.OK);
        var demoLook = page.GetProperty("items")[0].GetProperty("id").GetString()!;
        await Expect(anonymous.GetAsync("/api/v1/looks?limit=0"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync("/api/v1/looks?limit=many"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync($"/api/v1/looks/{demoLook}"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/api/v1/looks/look-that-is-not-there"), HttpStatusCode.NotFound);

        var lookId = $"contract-{Guid.NewGuid():N}";
        await Expect(admin.PostAsync("/api/v1/looks", Json(Look(lookId))), HttpStatusCode.Created);
        await Expect(admin.PostAsync("/api/v1/looks", Json(Look(lookId))), HttpStatusCode.OK);
        await Expect(admin.PostAsync("/api/v1/looks", Json(Look(lookId, "\"NaN\""))), HttpStatusCode.BadRequest);
        await Expect(admin.PostAsync("/api/v1/looks", Json("{\"title\":")), HttpStatusCode.BadRequest);
        await Expect(admin.PostAsync("/api/v1/looks", new StringContent(Look(lookId))), HttpStatusCode.UnsupportedMediaType);
        await Expect(user.PostAsync("/api/v1/looks", Json(Look(lookId))), HttpStatusCode.Forbidden);
        await Expect(anonymous.PostAsync("/api/v1/looks", Json(Look(lookId))), HttpStatusCode.Unauthorized);
        var photoLook = await Expect(admin.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Garment(SKColors.Teal, SKColors.White), "look.png", LookFields($"{lookId}-photo"))), HttpStatusCode.Created);
        await Expect(admin.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Corrupt(), "look.png", LookFields($"{lookId}-broken"))), HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnprocessableEntity);

        await Expect(anonymous.GetAsync(photoLook.GetProperty("imageUrl").GetString()), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/api/v1/images/img-that-is-not-there"), HttpStatusCode.NotFound);

        // The signed-in user.
        await Expect(user.GetAsync(Me), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync(Me), HttpStatusCode.Unauthorized);
        await Expect(user.PutAsync($"{Me}/profile", Json("{\"region\":\"seoul\",\"birthYear\":1990}")), HttpStatusCode.OK);
        await Expect(user.PutAsync($"{Me}/profile", Json("{\"birthYear\":1}")), HttpStatusCode.BadRequest);
        await Expect(user.PostAsync($"{Me}/survey", Json($"{{\"likedStyles\":[\"{styleKey}\"],\"likedLookIds\":[\"{demoLook}\"]}}")), HttpStatusCode.OK);
        await Expect(user.PostAsync($"{Me}/survey", Json("{}")), HttpStatusCode.BadRequest);
        await Expect(user.PostAsync($"{Me}/survey", Json("{\"likedLookIds\":[\"look-that-is-not-there\"]}")), HttpStatusCode.NotFound);
        await Expect(user.GetAsync($"{Me}/taste"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync($"{Me}/taste"), HttpStatusCode.Unauthorized);

        await Expect(user.PostAsync($"{Me}/signals", Json($"{{\"id\":\"c-1\",\"type\":\"like\",\"lookId\":\"{demoLook}\"}}")), HttpStatusCode.Accepted);
        await Expect(user.PostAsync($"{Me}/signals", Json("{\"signals\":[{\"id\":\"c-2\",\"type\":\"colour\",\"colour\":\"red\"},{\"id\":\"c-3\",\"type\":\"colour\",\"colour\":\"navy\"}]}")), HttpStatusCode.Accepted);
        await Expect(user.PostAsync($"{Me}/signals", Json("{\"id\":\"c-4\",\"type\":\"teleport\"}")), HttpStatusCode.BadRequest);
        await Expect(user.PostAsync($"{Me}/signals", Json("{\"id\":\"c-5\",\"type\":\"like\",\"lookId\":\"look-that-is-not-there\"}")), HttpStatusCode.NotFound);
        await Expect(user.PostAsync($"{Me}/signals", Json(TooLargeBatch())), HttpStatusCode.RequestEntityTooLarge);
        await Expect(anonymous.PostAsync($"{Me}/signals", Json("{\"id\":\"c-6\",\"type\":\"colour\",\"colour\":\"red\"}")), HttpStatusCode.Unauthorized);

        await Expect(user.GetAsync($"{Me}/recommendations/looks?k=3"), HttpStatusCode.OK);
        await Expect(user.GetAsync($"{Me}/recommendations/looks?k=0"), HttpStatusCode.BadRequest);
        await Expect(anonymous.GetAsync($"{Me}/recommendations/looks"), HttpStatusCode.Unauthorized);
        await Expect(user.GetAsync($"{Me}/recommendations/looks?k=3&exclude={demoLook}"), HttpStatusCode.OK);
        await Expect(user.GetAsync($"{Me}/recommendations/looks?exclude=not%20a%20look"), HttpStatusCode.BadRequest);
        await Expect(user.GetAsync($"/api/v1/looks/{demoLook}/similar?k=3&exclude={demoLook}"), HttpStatusCode.OK);
        await Expect(user.GetAsync($"/api/v1/looks/{demoLook}/similar?k=0"), HttpStatusCode.BadRequest);
        await Expect(user.GetAsync("/api/v1/looks/look-that-is-not-there/similar"), HttpStatusCode.NotFound);
        await Expect(anonymous.GetAsync($"/api/v1/looks/{demoLook}/similar"), HttpStatusCode.Unauthorized);
        var ads = await Expect(user.GetAsync($"{Me}/recommendations/ads?k=2"), HttpStatusCode.OK);
        await Expect(user.GetAsync($"{Me}/recommendations/ads?k=x"), HttpStatusCode.BadRequest);

        // The closet.
        var item = await Expect(user.PostAsync(Items, Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White), "shirt.png", ("slot", "top"))), HttpStatusCode.Created);
        var itemId = item.GetProperty("id").GetString()!;
        await Expect(user.PostAsync(Items, Pictures.Form(Pictures.Corrupt(), "shirt.png")), HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnprocessableEntity);
        await Expect(user.PostAsync(Items, Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White), "shirt.png", ("slot", "hat"))), HttpStatusCode.BadRequest);
        await Expect(anonymous.PostAsync(Items, Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White))), HttpStatusCode.Unauthorized);
        await Expect(user.GetAsync(Items), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync(Items), HttpStatusCode.Unauthorized);
        await Expect(user.GetAsync($"{Items}/{itemId}"), HttpStatusCode.OK);
        await Expect(user.GetAsync($"{Items}/item-that-is-not-there"), HttpStatusCode.NotFound);
        await Expect(user.PatchAsync($"{Items}/{itemId}", Json($"{{\"styles\":[\"{styleKey}\"]}}")), HttpStatusCode.OK);
        await Expect(user.PatchAsync($"{Items}/{itemId}", Json("{}")), HttpStatusCode.BadRequest);
        await Expect(user.PatchAsync($"{Items}/item-that-is-not-there", Json($"{{\"styles\":[\"{styleKey}\"]}}")), HttpStatusCode.NotFound);
        await Expect(user.GetAsync(item.GetProperty("cutoutUrl").GetString()), HttpStatusCode.OK);
        await Expect(user.GetAsync($"{Items}/item-that-is-not-there/cutout"), HttpStatusCode.NotFound);
        await Expect(user.GetAsync(item.GetProperty("imageUrl").GetString()), HttpStatusCode.OK);
        await Expect(user.GetAsync($"{Items}/item-that-is-not-there/image"), HttpStatusCode.NotFound);
        await Expect(user.DeleteAsync($"{Items}/{itemId}"), HttpStatusCode.NoContent);
        await Expect(user.DeleteAsync($"{Items}/{itemId}"), HttpStatusCode.NotFound);

        // The codibook.
        const string Book = Me + "/codibook";
        var entry = await Expect(user.PostAsync(Book, Json($"{{\"id\":\"contract-save\",\"lookId\":\"{demoLook}\",\"note\":\"for Friday\"}}")), HttpStatusCode.Created);
        await Expect(user.PostAsync(Book, Json($"{{\"id\":\"contract-save\",\"lookId\":\"{demoLook}\",\"note\":\"for Friday\"}}")), HttpStatusCode.OK);
        await Expect(user.PostAsync(Book, Json($"{{\"id\":\"contract-save\",\"lookId\":\"{demoLook}\"}}")), HttpStatusCode.Conflict);
        await Expect(user.PostAsync(Book, Json("{\"lookId\":\"look-that-is-not-there\"}")), HttpStatusCode.NotFound);
        await Expect(user.PostAsync(Book, Json("{}")), HttpStatusCode.BadRequest);
        await Expect(user.GetAsync($"{Book}?limit=1"), HttpStatusCode.OK);
        await Expect(user.GetAsync($"{Book}?limit=0"), HttpStatusCode.BadRequest);
        await Expect(user.GetAsync($"{Book}/{entry.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        await Expect(user.GetAsync($"{Book}/entry-that-is-not-there"), HttpStatusCode.NotFound);
        await Expect(user.DeleteAsync($"{Book}/contract-save"), HttpStatusCode.NoContent);
        await Expect(user.DeleteAsync($"{Book}/contract-save"), HttpStatusCode.NotFound);

        // Context.
        var region = $"c{Guid.NewGuid():N}"[..16];
        await Expect(admin.PutAsync($"/api/v1/regions/{region}/weather", Json("{\"temperatureC\":12.5,\"precipitationMm\":0.5,\"condition\":\"rain\"}")), HttpStatusCode.OK);
        await Expect(admin.PutAsync($"/api/v1/regions/{region}/weather", Json("{\"temperatureC\":\"NaN\"}")), HttpStatusCode.BadRequest);
        await Expect(user.PutAsync($"/api/v1/regions/{region}/weather", Json("{\"temperatureC\":1}")), HttpStatusCode.Forbidden);
        await Expect(anonymous.GetAsync($"/api/v1/regions/{region}/weather"), HttpStatusCode.OK);
        await Expect(anonymous.GetAsync("/api/v1/regions/not_a_region/weather"), HttpStatusCode.BadRequest);

        // Experiments (admin); a control-only experiment, so the other steps' rankings do not change.
        var experiment = $"contract-{Guid.NewGuid():N}"[..24];
        await Expect(admin.PostAsync("/api/v1/experiments", Json($"{{\"name\":\"{experiment}\",\"variants\":[{{\"name\":\"a\",\"share\":0.5}},{{\"name\":\"b\",\"share\":0.5}}]}}")), HttpStatusCode.Created);
        await Expect(admin.PostAsync("/api/v1/experiments", Json($"{{\"name\":\"{experiment}-x\",\"variants\":[{{\"name\":\"a\",\"share\":0.4}}]}}")), HttpStatusCode.BadRequest);
        await Expect(admin.PostAsync("/api/v1/experiments", Json($"{{\"name\":\"{experiment}\",\"variants\":[{{\"name\":\"a\",\"share\":1}}]}}")), HttpStatusCode.Conflict);
        await Expect(admin.GetAsync("/api/v1/experiments"), HttpStatusCode.OK);
        await Expect(user.GetAsync("/api/v1/experiments"), HttpStatusCode.Forbidden);
        await Expect(admin.GetAsync($"/api/v1/experiments/{experiment}"), HttpStatusCode.OK);
        await Expect(admin.GetAsync("/api/v1/experiments/no-such-experiment"), HttpStatusCode.NotFound);
        await Expect(admin.GetAsync($"/api/v1/experiments/{experiment}/report"), HttpStatusCode.OK);
        await Expect(admin.GetAsync($"/api/v1/experiments/{experiment}/report?baseline=z"), HttpStatusCode.NotFound);
        await Expect(admin.PostAsync($"/api/v1/experiments/{experiment}/stop", null), HttpStatusCode.OK);
        await Expect(admin.PostAsync("/api/v1/experiments/no-such-experiment/stop", null), HttpStatusCode.NotFound);

        // Operations: the catalog shards' indexes (admin).
        await Expect(admin.GetAsync("/api/v1/admin/catalog/index"), HttpStatusCode.OK);
        await Expect(user.GetAsync("/api/v1/admin/catalog/index"), HttpStatusCode.Forbidden);
        await Expect(anonymous.GetAsync("/api/v1/admin/catalog/index"), HttpStatusCode.Unauthorized);

        await DriveAdsAsync(anonymous, user, admin, ads.GetProperty("items")[0].GetProperty("campaign").GetProperty("id").GetString()!);

        // Deletions last, so the steps above still find what they need.
        await Expect(admin.DeleteAsync($"/api/v1/looks/{lookId}"), HttpStatusCode.NoContent);
        await Expect(admin.DeleteAsync($"/api/v1/looks/{lookId}"), HttpStatusCode.NotFound);
        await Expect(user.DeleteAsync($"/api/v1/looks/{lookId}-photo"), HttpStatusCode.Forbidden);
        await Expect(admin.DeleteAsync($"/api/v1/looks/{lookId}-photo"), HttpStatusCode.NoContent);
        await Expect(user.DeleteAsync(Me), HttpStatusCode.NoContent);
        await Expect(anonymous.DeleteAsync(Me), HttpStatusCode.Unauthorized);
    }

    /// <summary>Sends the request and checks its status is one of <paramref name="expected"/>; returns the JSON body, if any.</summary>
    private static async Task<JsonElement> Expect(Task<HttpResponseMessage> send, params HttpStatusCode[] expected)
    {
        using var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Contains(response.StatusCode),
            $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}, expected {string.Join(" or ", expected.Select(s => (int)s))}: {text}");
        return response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true && text.Length > 0
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Look(string id, string firstScore = "0.9") =>
        $$"""
        {"id":"{{id}}","title":"Contract look","gender":"unisex","seasons":["spring"],"occasions":["daily"],"minTempC":5,"maxTempC":20,
         "palette":[{"colour":"navy","weight":1}],"garments":[{"slot":"top","category":"shirt","colour":"navy"}],
         "styleVector":[{{firstScore}}{{string.Concat(Enumerable.Repeat(",0.1", StyleTaxonomy.Count - 1))}}]}
        """;

    private static (string, string)[] LookFields(string id) =>
        [("id", id), ("title", "Contract photo look"), ("gender", "women"), ("seasons", "summer"), ("occasions", "date"), ("minTempC", "18"), ("maxTempC", "30")];

    private static string TooLargeBatch() =>
        $"{{\"signals\":[{string.Join(",", Enumerable.Range(0, OtMz.Grains.Interfaces.SignalRules.MaxBatch + 1).Select(i => $"{{\"id\":\"big-{i}\",\"type\":\"colour\",\"colour\":\"red\"}}"))}]}}";
}
