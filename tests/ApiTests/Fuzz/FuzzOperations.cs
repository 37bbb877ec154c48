using System.Text.Json.Nodes;
using SkiaSharp;
using static OtMz.ApiTests.Fuzz.Hostile;

namespace OtMz.ApiTests.Fuzz;

/// <summary>Who calls an operation in a generated request.</summary>
internal enum Caller
{
    Anonymous,
    User,
    Admin,
}

/// <summary>What a generated request may name: the caller's closet item, a look and a region that exist or will.</summary>
internal sealed record FuzzTarget(string LookId, string? ItemId, string Region, string? IdToken = null)
{
    public static FuzzTarget For(Random rng) => new(Id(rng, "fzlook"), null, $"fz-{rng.Next(1_000_000)}");
}

/// <summary>
/// One operation of the API and how to generate requests for it: <see cref="Valid"/> ones the operation accepts
/// (or answers with a 404 for something that does not exist), and <see cref="Invalid"/> ones it must refuse
/// with a 4xx without changing anything.
/// </summary>
internal sealed record FuzzOperation(
    string Method,
    string Route,
    Caller Caller,
    Func<Random, FuzzTarget, HttpRequestMessage> Valid,
    Func<Random, FuzzTarget, HttpRequestMessage>? Invalid,
    bool NeedsClosetItem = false,
    bool NeedsIdToken = false,
    int Iterations = 24);

/// <summary>Every operation of the served OpenAPI document, with its generators. The fuzz test fails if one is missing here.</summary>
internal static partial class FuzzOperations
{
    private const string Me = "/api/v1/users/me";
    private const string Items = Me + "/closet/items";
    private const string Book = Me + "/codibook";

    private static readonly SKColor[] Garments = [SKColors.Red, SKColors.Navy, SKColors.ForestGreen, SKColors.Black, SKColors.Gold];

    private static readonly Dictionary<string, Func<Random, JsonNode?>> LookSpoilers = new()
    {
        ["id"] = r => r.Chance(0.8) ? BadId(r) : NotAString(r),
        ["title"] = r => r.Chance(0.8) ? BadText(r, 200) : NotAString(r),
        ["imageUrl"] = r => r.Pick(new JsonNode?[] { "javascript:alert(1)", "http://cdn.example.com/a.jpg", "/api/v1/images/img-none", "//evil", 5 }),
        ["gender"] = NotAnEnum,
        ["seasons"] = r => r.Chance(0.3) ? new JsonArray() : Spoil(r, EnumNames<Season>(r), NotAnEnum),
        ["occasions"] = r => r.Chance(0.3) ? new JsonArray() : Spoil(r, EnumNames<Occasion>(r), NotAnEnum),
        // Out of range or not a number; a fixed value inside the range is not always wrong (maxTempC may be above it).
        ["minTempC"] = r => r.Chance(0.5) ? r.Pick(new[] { -51, 61 }) : NotANumber(r),
        ["maxTempC"] = r => r.Chance(0.5) ? r.Pick(new[] { -51, 61 }) : NotANumber(r),
        ["palette"] = r => r.Next(4) switch
        {
            0 => new JsonArray(new JsonObject { ["colour"] = NotAnEnum(r), ["weight"] = 0.5 }),
            1 => new JsonArray(new JsonObject { ["colour"] = "navy", ["weight"] = r.Pick(new[] { 0.0, -1, 2 }) }),
            2 => new JsonArray((JsonNode?)null),
            _ => new JsonArray([.. Enumerable.Range(0, 22).Select(_ => (JsonNode)new JsonObject { ["colour"] = "navy", ["weight"] = 0.01 })]),
        },
        ["garments"] = r => r.Next(3) switch
        {
            0 => new JsonArray(new JsonObject { ["slot"] = NotAnEnum(r), ["category"] = "coat", ["colour"] = "navy" }),
            1 => new JsonArray(new JsonObject { ["slot"] = "top", ["category"] = "cape", ["colour"] = "navy" }),
            _ => new JsonArray((JsonNode?)null),
        },
        ["styleVector"] = BadVector,
    };

    public static IReadOnlyList<FuzzOperation> All { get; } =
    [
        new("POST", "/api/v1/auth/dev-token", Caller.Anonymous,
            (rng, _) => Post("/api/v1/auth/dev-token", new JsonObject { ["userId"] = Id(rng), ["roles"] = rng.Chance(0.5) ? new JsonArray("admin") : new JsonArray() }),
            (rng, _) => rng.Chance(0.2)
                ? Send(HttpMethod.Post, "/api/v1/auth/dev-token", BadBody(rng))
                : Post("/api/v1/auth/dev-token", Spoil(rng, new JsonObject { ["userId"] = Id(rng), ["roles"] = new JsonArray() }, new Dictionary<string, Func<Random, JsonNode?>>
                {
                    ["userId"] = r => r.Chance(0.7) ? BadId(r) : NotAString(r),
                    ["roles"] = r => r.Next(3) switch { 0 => new JsonArray((JsonNode?)null), 1 => new JsonArray("root"), _ => "admin" },
                }))),
        new("POST", "/api/v1/auth/oidc", Caller.Anonymous,
            (rng, t) => Post("/api/v1/auth/oidc", new JsonObject { ["provider"] = ApiFactory.OidcProvider, ["idToken"] = t.IdToken }),
            (rng, t) => Post("/api/v1/auth/oidc", Spoil(rng, new JsonObject { ["provider"] = ApiFactory.OidcProvider, ["idToken"] = t.IdToken }, new Dictionary<string, Func<Random, JsonNode?>>
            {
                ["provider"] = r => r.Chance(0.5) ? "not-" + Id(r) : NotAString(r),
                ["idToken"] = r => r.Next(4) switch
                {
                    0 => t.IdToken![..^4] + "AAAA",
                    1 => "not.a.jwt",
                    2 => new string('a', 20_000),
                    _ => NotAString(r),
                },
                // The authorization code form's fields, wrong beside an ID token or wrong in themselves.
                ["code"] = r => r.Chance(0.5) ? "" : NotAString(r),
                ["codeVerifier"] = r => r.Chance(0.5) ? "short" : NotAString(r),
                ["nonce"] = r => r.Chance(0.5) ? "" : new string('n', 300),
            })), NeedsIdToken: true, Iterations: 10),
        new("GET", "/api/v1/auth/providers", Caller.Anonymous, (_, _) => Get("/api/v1/auth/providers"), null, Iterations: 2),
        // The dashboard session takes no input; a body, if any, is not read.
        new("POST", "/api/v1/auth/dashboard-session", Caller.Admin,
            (rng, _) => rng.Chance(0.5) ? Send(HttpMethod.Post, "/api/v1/auth/dashboard-session") : Send(HttpMethod.Post, "/api/v1/auth/dashboard-session", BadBody(rng)),
            null, Iterations: 4),
        new("DELETE", "/api/v1/auth/dashboard-session", Caller.User, (_, _) => Send(HttpMethod.Delete, "/api/v1/auth/dashboard-session"), null, Iterations: 4),
        new("GET", "/api/v1/styles", Caller.Anonymous, (_, _) => Get("/api/v1/styles"), null, Iterations: 4),
        new("GET", "/api/v1/looks", Caller.Anonymous,
            (rng, _) => Get("/api/v1/looks" + Query(rng, ("style", rng.Pick(StyleKeys)), ("gender", EnumName<Gender>(rng)), ("season", EnumName<Season>(rng)),
                ("occasion", EnumName<Occasion>(rng)), ("colour", EnumName<Colour>(rng)), ("limit", rng.Next(1, 101).ToString()))),
            (rng, _) => Get("/api/v1/looks?" + (rng.Next(7) switch
            {
                0 => "style=" + Uri.EscapeDataString(BadId(rng) + "x"),
                1 => "gender=" + rng.Next(0, 3),
                2 => "season=monsoon",
                3 => "occasion=" + Uri.EscapeDataString(BadText(rng, 10)),
                4 => "colour=teal",
                5 => "cursor=" + Uri.EscapeDataString(BadId(rng) + "!"),
                _ => "limit=" + rng.Pick(new[] { "0", "101", "-1", "x", "99999999999" }),
            }))),
        new("GET", "/api/v1/looks/{id}", Caller.Anonymous,
            (rng, t) => Get($"/api/v1/looks/{(rng.Chance(0.5) ? t.LookId : Id(rng))}"),
            (rng, _) => Get($"/api/v1/looks/{Uri.EscapeDataString(BadId(rng) + "x")}")),
        new("GET", "/api/v1/looks/{id}/similar", Caller.User,
            (rng, t) => Get($"/api/v1/looks/{(rng.Chance(0.5) ? t.LookId : "look-000000" + rng.Next(1, 10))}/similar"
                + Query(rng, ("k", rng.Next(1, 51).ToString()), ("exclude", ExcludeList(rng)))),
            (rng, t) => Get($"/api/v1/looks/{t.LookId}/similar?" + (rng.Chance(0.3) ? "k=" + rng.Pick(new[] { "0", "51", "x", "-3" }) : BadExclude(rng)))),
        new("POST", "/api/v1/looks", Caller.Admin,
            (rng, t) => Post("/api/v1/looks", LookJson(rng, t.LookId)),
            (rng, t) => rng.Next(6) switch
            {
                0 => Send(HttpMethod.Post, "/api/v1/looks", BadBody(rng)),
                1 => Send(HttpMethod.Post, "/api/v1/looks", BadLookForm(rng, t.LookId)),
                _ => Post("/api/v1/looks", Spoil(rng, LookJson(rng, t.LookId), LookSpoilers)),
            }),
        new("DELETE", "/api/v1/looks/{id}", Caller.Admin,
            (rng, _) => Send(HttpMethod.Delete, $"/api/v1/looks/{Id(rng, "gone")}"),
            (rng, _) => Send(HttpMethod.Delete, $"/api/v1/looks/{Uri.EscapeDataString(BadId(rng) + "y")}")),
        new("GET", "/api/v1/images/{id}", Caller.Anonymous,
            (rng, _) => Get($"/api/v1/images/{Id(rng, "img")}"),
            (rng, _) => Get($"/api/v1/images/{Uri.EscapeDataString(BadId(rng) + "z")}"), Iterations: 8),
        new("GET", Me, Caller.User, (_, _) => Get(Me), null, Iterations: 4),
        new("DELETE", Me, Caller.User, (_, _) => Send(HttpMethod.Delete, Me), null, Iterations: 4),
        new("PUT", Me + "/profile", Caller.User,
            (rng, t) => Put(Me + "/profile", new JsonObject
            {
                ["gender"] = EnumName<Gender>(rng), ["birthYear"] = rng.Next(1930, 2015), ["region"] = t.Region, ["occasion"] = EnumName<Occasion>(rng),
            }),
            (rng, t) => Put(Me + "/profile", Spoil(rng, new JsonObject { ["gender"] = "women", ["birthYear"] = 1998, ["region"] = t.Region, ["occasion"] = "work" },
                new Dictionary<string, Func<Random, JsonNode?>>
                {
                    ["gender"] = NotAnEnum,
                    ["birthYear"] = r => r.Chance(0.5) ? r.Pick(new[] { 1500, 3000, -1, int.MaxValue }) : NotANumber(r),
                    ["region"] = r => r.Chance(0.7) ? BadId(r) : NotAString(r),
                    ["occasion"] = NotAnEnum,
                }))),
        new("POST", Me + "/survey", Caller.User,
            (rng, t) => Post(Me + "/survey", new JsonObject
            {
                ["likedStyles"] = new JsonArray([.. StyleKeys.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).Select(k => (JsonNode)k)]),
                ["likedLookIds"] = rng.Chance(0.5) ? new JsonArray(t.LookId) : new JsonArray(),
            }),
            (rng, t) => Post(Me + "/survey", rng.Next(6) switch
            {
                0 => new JsonObject { ["likedLookIds"] = new JsonArray((JsonNode?)null) },
                1 => new JsonObject { ["likedStyles"] = new JsonArray((JsonNode?)null) },
                2 => new JsonObject { ["likedStyles"] = new JsonArray("not-" + Id(rng)) },
                3 => new JsonObject { ["likedLookIds"] = new JsonArray(BadId(rng)) },
                4 => new JsonObject { ["likedLookIds"] = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => (JsonNode)t.LookId)]) },
                _ => new JsonObject(),
            })),
        new("GET", Me + "/taste", Caller.User, (_, _) => Get(Me + "/taste"), null, Iterations: 4),
        new("POST", Me + "/signals", Caller.User,
            (rng, t) => Post(Me + "/signals", rng.Chance(0.5)
                ? SignalJson(rng, t)
                : new JsonObject { ["signals"] = new JsonArray([.. Enumerable.Range(0, rng.Next(1, 20)).Select(_ => (JsonNode)SignalJson(rng, t))]) }),
            (rng, t) => rng.Next(5) switch
            {
                0 => Send(HttpMethod.Post, Me + "/signals", BadBody(rng)),
                1 => Post(Me + "/signals", new JsonObject { ["signals"] = Spoil(rng, new JsonArray(SignalJson(rng, t), SignalJson(rng, t)), r => r.Chance(0.5) ? null : BadSignal(r, t)) }),
                2 => Post(Me + "/signals", new JsonObject { ["signals"] = new JsonArray() }),
                _ => Post(Me + "/signals", BadSignal(rng, t)),
            }),
        new("GET", Me + "/recommendations/looks", Caller.User,
            (rng, _) => Get(Me + "/recommendations/looks" + Query(rng, ("k", rng.Next(1, 51).ToString()), ("occasion", EnumName<Occasion>(rng)), ("exclude", ExcludeList(rng)))),
            (rng, _) => Get(Me + "/recommendations/looks?" + rng.Next(3) switch
            {
                0 => "k=" + rng.Pick(new[] { "0", "51", "x", "-3" }),
                1 => "occasion=" + rng.Pick(new[] { "gala", "1", "%0A" }),
                _ => BadExclude(rng),
            })),
        new("GET", Me + "/recommendations/ads", Caller.User,
            (rng, _) => Get(Me + "/recommendations/ads" + Query(rng, ("k", rng.Next(1, AdRecommendations.MaxK + 1).ToString()))),
            (rng, _) => Get(Me + "/recommendations/ads?k=" + rng.Pick(new[] { "0", (AdRecommendations.MaxK + 1).ToString(), "x" }))),
        new("POST", Items, Caller.User,
            (rng, _) => Send(HttpMethod.Post, Items, Pictures.Form(Pictures.Garment(rng.Pick(Garments), SKColors.White, size: 160), "g.png",
                rng.Chance(0.5) ? [("slot", "top")] : [])),
            (rng, _) => Send(HttpMethod.Post, Items, rng.Next(4) switch
            {
                0 => Pictures.Form(Pictures.Corrupt(), "g.png"),
                1 => Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White, size: 160), "g.png", ("slot", "cape")),
                2 => Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White, size: 160), "g.png", ("category", "not-a-" + Id(rng))),
                _ => new MultipartFormDataContent { { new StringContent("top"), "slot" } },
            }), Iterations: 6),
        new("GET", Items, Caller.User, (_, _) => Get(Items), null, Iterations: 4),
        new("GET", Items + "/{id}", Caller.User, (_, t) => Get($"{Items}/{t.ItemId}"), (rng, _) => Get($"{Items}/{Uri.EscapeDataString(BadId(rng) + "q")}"), NeedsClosetItem: true, Iterations: 6),
        new("PATCH", Items + "/{id}", Caller.User,
            (rng, t) => Patch($"{Items}/{t.ItemId}", rng.Chance(0.5)
                ? new JsonObject { ["slot"] = "bottom", ["category"] = "jeans" }
                : new JsonObject { ["styles"] = new JsonArray(rng.Pick(StyleKeys)) }),
            (rng, t) => Patch($"{Items}/{t.ItemId}", rng.Next(6) switch
            {
                0 => new JsonObject { ["slot"] = NotAnEnum(rng) },
                1 => new JsonObject { ["category"] = "cape" },
                2 => new JsonObject { ["styles"] = new JsonArray((JsonNode?)null) },
                3 => new JsonObject { ["styleVector"] = BadVector(rng) },
                4 => new JsonObject { ["styles"] = new JsonArray("classic"), ["styleVector"] = Vector(rng) },
                _ => new JsonObject(),
            }), NeedsClosetItem: true, Iterations: 8),
        new("DELETE", Items + "/{id}", Caller.User, (_, t) => Send(HttpMethod.Delete, $"{Items}/{t.ItemId}"),
            (rng, _) => Send(HttpMethod.Delete, $"{Items}/{Id(rng, "item")}"), NeedsClosetItem: true, Iterations: 6),
        new("GET", Items + "/{id}/cutout", Caller.User, (_, t) => Get($"{Items}/{t.ItemId}/cutout"), (rng, _) => Get($"{Items}/{Id(rng, "item")}/cutout"), NeedsClosetItem: true, Iterations: 4),
        new("GET", Items + "/{id}/image", Caller.User, (_, t) => Get($"{Items}/{t.ItemId}/image"), (rng, _) => Get($"{Items}/{Id(rng, "item")}/image"), NeedsClosetItem: true, Iterations: 4),
        new("GET", Book, Caller.User,
            (rng, _) => Get(Book + Query(rng, ("limit", rng.Next(1, 51).ToString()), ("after", "MTA"))),
            (rng, _) => Get(Book + "?" + (rng.Chance(0.5)
                ? "limit=" + rng.Pick(new[] { "0", "51", "-1", "x", "99999999999" })
                : "after=" + Uri.EscapeDataString(rng.Pick(new[] { "MA", "LTE", "!!", BadId(rng) + "~" }))))),
        new("POST", Book, Caller.User,
            (rng, t) => Post(Book, CodibookJson(rng, t)),
            (rng, t) => rng.Chance(0.2)
                ? Send(HttpMethod.Post, Book, BadBody(rng))
                : Post(Book, Spoil(rng, CodibookJson(rng, t), new Dictionary<string, Func<Random, JsonNode?>>
                {
                    ["id"] = r => r.Chance(0.8) ? BadId(r) : NotAString(r),
                    ["lookId"] = r => r.Chance(0.8) ? BadId(r) : NotAString(r),
                    ["note"] = r => r.Chance(0.8) ? BadText(r, 500) : NotAString(r),
                    ["itemIds"] = r => r.Next(4) switch
                    {
                        0 => new JsonArray(),
                        1 => new JsonArray((JsonNode?)null),
                        2 => new JsonArray([.. Enumerable.Range(0, 9).Select(i => (JsonNode)$"item-{i}")]),
                        _ => new JsonArray(BadId(r)),
                    },
                }))),
        new("GET", Book + "/{id}", Caller.User, (rng, _) => Get($"{Book}/{Id(rng, "cb")}"), (rng, _) => Get($"{Book}/{Uri.EscapeDataString(BadId(rng) + "c")}"), Iterations: 8),
        new("DELETE", Book + "/{id}", Caller.User,
            (rng, _) => Send(HttpMethod.Delete, $"{Book}/{Id(rng, "cb")}"),
            (rng, _) => Send(HttpMethod.Delete, $"{Book}/{Uri.EscapeDataString(BadId(rng) + "d")}"), Iterations: 8),
        new("GET", "/api/v1/regions/{region}/weather", Caller.Anonymous,
            (_, t) => Get($"/api/v1/regions/{t.Region}/weather"),
            (rng, _) => Get($"/api/v1/regions/{BadRegion(rng)}/weather")),
        new("PUT", "/api/v1/regions/{region}/weather", Caller.Admin,
            (rng, t) => Put($"/api/v1/regions/{t.Region}/weather", WeatherJson(rng)),
            (rng, t) => rng.Chance(0.2)
                ? Put($"/api/v1/regions/{BadRegion(rng)}/weather", WeatherJson(rng))
                : Put($"/api/v1/regions/{t.Region}/weather", Spoil(rng, WeatherJson(rng), new Dictionary<string, Func<Random, JsonNode?>>
                {
                    ["temperatureC"] = r => r.Chance(0.5) ? r.Pick(new[] { -61, 61, 1000 }) : NotANumber(r),
                    ["precipitationMm"] = r => r.Chance(0.5) ? r.Pick(new[] { -1, 1001 }) : NotANumber(r),
                    ["condition"] = r => r.Chance(0.7) ? BadText(r, 64) : NotAString(r),
                    ["observedAt"] = r => r.Pick(new JsonNode?[] { "9999-01-01T00:00:00Z", "yesterday", 12 }),
                }))),
        new("POST", "/api/v1/experiments", Caller.Admin,
            (rng, _) => Post("/api/v1/experiments", ExperimentJson(rng)),
            (rng, _) => rng.Chance(0.2)
                ? Send(HttpMethod.Post, "/api/v1/experiments", BadBody(rng))
                : Post("/api/v1/experiments", Spoil(rng, ExperimentJson(rng), new Dictionary<string, Func<Random, JsonNode?>>
                {
                    ["name"] = r => r.Chance(0.7) ? BadId(r) : NotAString(r),
                    ["variants"] = r => r.Next(5) switch
                    {
                        0 => new JsonArray(new JsonObject { ["name"] = "a", ["share"] = 0.5 }),
                        1 => new JsonArray(new JsonObject { ["name"] = "a", ["share"] = 1, ["options"] = new JsonObject { ["Ranking:" + Id(r)] = 1 } }),
                        2 => new JsonArray(new JsonObject { ["name"] = "a", ["share"] = 1, ["options"] = new JsonObject { ["Ranking:SeenPenalty"] = NotANumber(r) } }),
                        3 => new JsonArray((JsonNode?)null),
                        _ => new JsonArray(new JsonObject { ["name"] = BadId(r), ["share"] = r.Pick(new[] { 0.0, -1, 2 }) }),
                    },
                    ["stopsAt"] = r => r.Pick(new JsonNode?[] { "2001-01-01T00:00:00Z", "soon", 5 }),
                })), Iterations: 10),
        new("GET", "/api/v1/experiments", Caller.Admin, (_, _) => Get("/api/v1/experiments"), null, Iterations: 4),
        new("GET", "/api/v1/experiments/{name}", Caller.Admin,
            (rng, _) => Get($"/api/v1/experiments/{Id(rng, "exp")}"),
            (rng, _) => Get($"/api/v1/experiments/{Uri.EscapeDataString(BadId(rng) + "e")}"), Iterations: 8),
        new("POST", "/api/v1/experiments/{name}/stop", Caller.Admin,
            (rng, _) => Send(HttpMethod.Post, $"/api/v1/experiments/{Id(rng, "exp")}/stop"),
            (rng, _) => Send(HttpMethod.Post, $"/api/v1/experiments/{Uri.EscapeDataString(BadId(rng) + "s")}/stop"), Iterations: 8),
        new("GET", "/api/v1/experiments/{name}/report", Caller.Admin,
            (rng, _) => Get($"/api/v1/experiments/{Id(rng, "exp")}/report"),
            (rng, _) => Get($"/api/v1/experiments/{Uri.EscapeDataString(BadId(rng) + "r")}/report?baseline={Uri.EscapeDataString(BadText(rng, 10))}"), Iterations: 8),
        new("GET", "/api/v1/admin/catalog/index", Caller.Admin, (_, _) => Get("/api/v1/admin/catalog/index"), null, Iterations: 4),
        .. OutfitOperations,
        .. AdOperations,
    ];

    /// <summary>A control-only experiment: it overrides no option, so it clashes with nothing and changes no ranking.</summary>
    private static JsonObject ExperimentJson(Random rng) => new()
    {
        ["name"] = Id(rng, "exp"),
        ["variants"] = new JsonArray(new JsonObject { ["name"] = "a", ["share"] = 0.25 }, new JsonObject { ["name"] = "b", ["share"] = 0.75 }),
    };

    /// <summary>A save of the target look (which may not exist: 404), sometimes with the client's id and a note.</summary>
    private static JsonObject CodibookJson(Random rng, FuzzTarget target)
    {
        var save = new JsonObject { ["lookId"] = target.LookId };
        if (rng.Chance(0.5))
        {
            save["id"] = Id(rng, "cb");
        }

        if (rng.Chance(0.5))
        {
            save["note"] = Text(rng, 500);
        }

        return save;
    }

    private static JsonObject LookJson(Random rng, string id) => new()
    {
        ["id"] = id,
        ["title"] = Text(rng, 200),
        ["imageUrl"] = rng.Chance(0.5) ? $"https://cdn.example.com/{Id(rng)}.jpg" : null,
        ["gender"] = EnumName<Gender>(rng),
        ["seasons"] = EnumNames<Season>(rng),
        ["occasions"] = EnumNames<Occasion>(rng),
        ["minTempC"] = rng.Next(-50, 10),
        ["maxTempC"] = rng.Next(10, 61),
        ["palette"] = new JsonArray(new JsonObject { ["colour"] = EnumName<Colour>(rng), ["weight"] = Math.Round(0.1 + rng.NextDouble() * 0.9, 3) }),
        ["garments"] = new JsonArray(new JsonObject { ["slot"] = "top", ["category"] = rng.Pick(GarmentVocabulary.CategoriesBySlot[GarmentSlot.Top]), ["colour"] = EnumName<Colour>(rng) }),
        ["styleVector"] = Vector(rng),
    };

    private static MultipartFormDataContent BadLookForm(Random rng, string id) =>
        rng.Chance(0.5)
            ? Pictures.Form(Pictures.Corrupt(), "look.jpg", ("id", id), ("title", "t"), ("gender", "women"), ("seasons", "summer"), ("occasions", "daily"), ("minTempC", "10"), ("maxTempC", "30"))
            : Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White, size: 160), "look.jpg", ("id", id), ("title", "t"), ("gender", "robot"), ("seasons", "summer"),
                ("occasions", "daily"), ("minTempC", "10"), ("maxTempC", "30"));

    private static JsonObject SignalJson(Random rng, FuzzTarget target)
    {
        var type = EnumName<SignalType>(rng);
        var signal = new JsonObject { ["id"] = Id(rng, "sig"), ["type"] = type };
        if (type == "colour")
        {
            signal["colour"] = EnumName<Colour>(rng);
        }
        else
        {
            signal["lookId"] = target.LookId;
        }

        if (type == "dwell")
        {
            signal["dwellMs"] = rng.Next(0, 60_000);
        }

        if (rng.Chance(0.3))
        {
            signal["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-rng.Next(0, 1000)).ToString("O");
        }

        return signal;
    }

    private static JsonObject BadSignal(Random rng, FuzzTarget target) => Spoil(rng, SignalJson(rng, target), new Dictionary<string, Func<Random, JsonNode?>>
    {
        ["id"] = r => r.Chance(0.8) ? BadSignalId(r) : NotAString(r),
        ["type"] = NotAnEnum,
        ["occurredAt"] = r => r.Pick(new JsonNode?[] { "9999-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "now", 5 }),
        ["dwellMs"] = r => r.Chance(0.5) ? r.Pick(new[] { -1, 3_600_001 }) : NotANumber(r),
    });

    private static JsonObject WeatherJson(Random rng) => new()
    {
        ["temperatureC"] = rng.Next(-60, 61),
        ["precipitationMm"] = Math.Round(rng.NextDouble() * 20, 1),
        ["condition"] = Text(rng, 64),
        ["observedAt"] = DateTimeOffset.UtcNow.ToString("O"),
    };

    private static string Query(Random rng, params (string Name, string Value)[] parameters)
    {
        var chosen = parameters.Where(_ => rng.Chance(0.5)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}").ToArray();
        return chosen.Length == 0 ? "" : "?" + string.Join("&", chosen);
    }

    /// <summary>Up to five look ids, comma-separated, some of them repeated.</summary>
    private static string ExcludeList(Random rng)
    {
        var ids = Enumerable.Range(0, rng.Next(1, 6)).Select(_ => rng.Chance(0.5) ? "look-000000" + rng.Next(1, 10) : Id(rng, "fzlook")).ToList();
        return string.Join(',', ids.Concat(ids.Take(rng.Next(2))));
    }

    /// <summary>An exclude= the look lists refuse: an entry that is no look id, or more than the bound.</summary>
    private static string BadExclude(Random rng) => rng.Chance(0.75)
        ? "exclude=" + Uri.EscapeDataString(ExcludeList(rng) + ",-" + BadId(rng))
        : "exclude=" + string.Join(',', Enumerable.Range(0, ExcludeRules.MaxIds + 1).Select(i => $"fz-{i}"));

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(string url, JsonNode body) => Send(HttpMethod.Post, url, Body(body));

    private static HttpRequestMessage Put(string url, JsonNode body) => Send(HttpMethod.Put, url, Body(body));

    private static HttpRequestMessage Patch(string url, JsonNode body) => Send(HttpMethod.Patch, url, Body(body));

    private static HttpRequestMessage Send(HttpMethod method, string url, HttpContent? content = null) => new(method, url) { Content = content };
}
