using System.Text.Json.Nodes;
using static OtMz.ApiTests.Fuzz.Hostile;

namespace OtMz.ApiTests.Fuzz;

/// <summary>The generators of the outfit routes. A valid outfit names the caller's top and an item it does not have, so it is answered 404.</summary>
internal static partial class FuzzOperations
{
    private const string Outfits = Me + "/closet/outfits";

    private static readonly Dictionary<string, Func<Random, JsonNode?>> OutfitSpoilers = new()
    {
        ["id"] = r => r.Chance(0.7) ? BadId(r) : NotAString(r),
        ["itemIds"] = r => r.Next(4) switch
        {
            0 => new JsonArray(),
            1 => new JsonArray((JsonNode?)null),
            2 => new JsonArray(BadId(r)),
            _ => new JsonArray([.. Enumerable.Range(0, 9).Select(i => (JsonNode)$"item-{i}")]),
        },
    };

    private static IEnumerable<FuzzOperation> OutfitOperations =>
    [
        new("GET", Outfits, Caller.User,
            (rng, _) => Get(Outfits + Query(rng, ("k", rng.Next(1, 21).ToString()), ("occasion", EnumName<Occasion>(rng)),
                ("date", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(rng.Next(0, 14)).ToString("yyyy-MM-dd")))),
            (rng, _) => Get(Outfits + "?" + rng.Next(3) switch
            {
                0 => "k=" + rng.Pick(new[] { "0", "21", "x" }),
                1 => "occasion=" + rng.Pick(new[] { "gala", "1" }),
                _ => "date=" + rng.Pick(new[] { "2001-01-01", "9999-12-31", "soon", "2026-13-01" }),
            }), Iterations: 8),
        new("POST", Outfits + "/complete", Caller.User,
            (rng, t) => Post(Outfits + "/complete", rng.Chance(0.5)
                ? new JsonObject { ["itemIds"] = new JsonArray(t.ItemId) }
                : new JsonObject { ["lookId"] = rng.Chance(0.5) ? t.LookId : "look-000000" + rng.Next(1, 10), ["garmentIndex"] = 0 }),
            (rng, t) => rng.Chance(0.2)
                ? Send(HttpMethod.Post, Outfits + "/complete", BadBody(rng))
                : Post(Outfits + "/complete", rng.Next(4) switch
                {
                    0 => new JsonObject(),
                    1 => new JsonObject { ["garmentIndex"] = 1 },
                    2 => new JsonObject { ["itemIds"] = new JsonArray(BadId(rng)) },
                    _ => new JsonObject { ["lookId"] = BadId(rng) + "!", ["garmentIndex"] = 0 },
                }), NeedsClosetItem: true, Iterations: 6),
        new("POST", Outfits + "/signals", Caller.User,
            (rng, t) => Post(Outfits + "/signals", OutfitJson(rng, t, ("type", rng.Pick(new[] { "like", "save", "dislike" })))),
            (rng, t) => rng.Chance(0.2)
                ? Send(HttpMethod.Post, Outfits + "/signals", BadBody(rng))
                : Post(Outfits + "/signals", Spoil(rng, OutfitJson(rng, t, ("type", "like")),
                    new Dictionary<string, Func<Random, JsonNode?>>(OutfitSpoilers) { ["type"] = r => r.Chance(0.5) ? "skip" : NotAnEnum(r) })),
            NeedsClosetItem: true, Iterations: 6),
        new("POST", Outfits + "/worn", Caller.User,
            (rng, t) => Post(Outfits + "/worn", OutfitJson(rng, t)),
            (rng, t) => rng.Chance(0.2)
                ? Send(HttpMethod.Post, Outfits + "/worn", BadBody(rng))
                : Post(Outfits + "/worn", Spoil(rng, OutfitJson(rng, t),
                    new Dictionary<string, Func<Random, JsonNode?>>(OutfitSpoilers) { ["wornOn"] = r => r.Pick(new JsonNode?[] { "2001-01-01", "9999-12-31", "yesterday", 3 }) })),
            NeedsClosetItem: true, Iterations: 6),
    ];

    private static JsonObject OutfitJson(Random rng, FuzzTarget target, params (string Name, string Value)[] more)
    {
        var json = new JsonObject { ["id"] = Id(rng, "o"), ["itemIds"] = new JsonArray(target.ItemId, Id(rng, "item")) };
        foreach (var (name, value) in more)
        {
            json[name] = value;
        }

        return json;
    }
}
