using System.Text.Json.Nodes;
using static OtMz.ApiTests.Fuzz.Hostile;

namespace OtMz.ApiTests.Fuzz;

/// <summary>
/// The generators of the ad routes. A valid campaign targets a made-up region; a valid change, read or report names
/// a seed campaign or one that does not exist (404). A valid click names a campaign the fresh caller was never
/// delivered (409) or none (404): both are the answers a well-formed click can get.
/// </summary>
internal static partial class FuzzOperations
{
    private const string Campaigns = "/api/v1/ads/campaigns";

    private static readonly string[] SeedCampaigns = ["ad-classic-1", "ad-modern-2", "ad-street-1"];

    private static readonly Dictionary<string, Func<Random, JsonNode?>> CampaignSpoilers = new()
    {
        ["id"] = r => r.Chance(0.8) ? BadId(r) : NotAString(r),
        ["title"] = r => r.Chance(0.8) ? BadText(r, 120) : NotAString(r),
        ["imageUrl"] = r => r.Pick(new JsonNode?[] { "javascript:alert(1)", "http://cdn.example.com/a.jpg", "/banner.jpg", "//evil", 5 }),
        ["link"] = r => r.Pick(new JsonNode?[] { "http://shop.example.com/", "shop.example.com", "javascript:alert(1)", "", new JsonArray() }),
        ["lookId"] = r => r.Chance(0.5) ? "look-that-is-not-there" : BadId(r),
        ["itemSlot"] = NotAnEnum,
        ["targetStyle"] = BadVector,
        ["targetGender"] = NotAnEnum,
        ["minAge"] = r => r.Chance(0.5) ? r.Pick(new[] { -1, 121 }) : NotANumber(r),
        ["maxAge"] = r => r.Chance(0.5) ? r.Pick(new[] { -1, 121 }) : NotANumber(r),
        ["regions"] = r => r.Next(3) switch
        {
            0 => new JsonArray((JsonNode?)null),
            1 => new JsonArray("seoul", "SEOUL"),
            _ => new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)$"region-{i}")]),
        },
        ["bid"] = r => r.Chance(0.5) ? r.Pick(new[] { 0.0, -1, 2e6 }) : NotANumber(r),
        ["totalBudget"] = r => r.Chance(0.5) ? r.Pick(new[] { 0, -1 }) : NotANumber(r),
        // Beyond any budget (so above the total of a seed campaign too), or not one at all.
        ["dailyBudget"] = r => r.Chance(0.5) ? r.Pick(new[] { 0, -3, 2_000_000_000_000 }) : NotANumber(r),
        ["dailyCap"] = r => r.Chance(0.5) ? r.Pick(new[] { 0, -1, 1001 }) : NotANumber(r),
        ["startsAt"] = r => r.Pick(new JsonNode?[] { "soon", 5, "2026-13-01T00:00:00Z" }),
        // Before the valid campaign's start (now, or its startsAt), or not a time.
        ["endsAt"] = r => r.Pick(new JsonNode?[] { "2001-01-01T00:00:00Z", "later", 5 }),
        ["paused"] = r => r.Pick(new JsonNode?[] { "yes", 1, new JsonArray() }),
        ["timeZone"] = r => r.Chance(0.7) ? "Mars/" + Id(r) : NotAString(r),
    };

    private static IEnumerable<FuzzOperation> AdOperations =>
    [
        new("POST", Campaigns, Caller.Admin,
            (rng, _) => Post(Campaigns, CampaignJson(rng)),
            (rng, _) => rng.Chance(0.2)
                ? Send(HttpMethod.Post, Campaigns, BadBody(rng))
                : Post(Campaigns, Spoil(rng, CampaignJson(rng), CampaignSpoilers)), Iterations: 16),
        new("GET", Campaigns, Caller.Admin, (_, _) => Get(Campaigns), null, Iterations: 4),
        new("GET", Campaigns + "/{id}", Caller.Admin,
            (rng, _) => Get($"{Campaigns}/{CampaignId(rng)}"),
            (rng, _) => Get($"{Campaigns}/{Uri.EscapeDataString(BadId(rng) + "g")}"), Iterations: 8),
        new("PATCH", Campaigns + "/{id}", Caller.Admin,
            (rng, _) => Patch($"{Campaigns}/{CampaignId(rng)}", rng.Next(3) switch
            {
                0 => new JsonObject { ["title"] = Text(rng, 120) },
                1 => new JsonObject { ["bid"] = Math.Round(0.5 + rng.NextDouble() * 2, 2), ["dailyCap"] = rng.Next(1, 40) },
                _ => new JsonObject { ["targetStyle"] = Vector(rng) },
            }),
            (rng, _) => rng.Next(5) switch
            {
                0 => Send(HttpMethod.Patch, $"{Campaigns}/{rng.Pick(SeedCampaigns)}", BadBody(rng)),
                1 => Patch($"{Campaigns}/{rng.Pick(SeedCampaigns)}", new JsonObject()),
                2 => Patch($"{Campaigns}/{rng.Pick(SeedCampaigns)}", new JsonObject { ["id"] = Id(rng, "renamed") }),
                _ => Patch($"{Campaigns}/{rng.Pick(SeedCampaigns)}", Spoil(rng, new JsonObject(), CampaignSpoilers.Where(s => s.Key != "id").ToDictionary())),
            }, Iterations: 12),
        new("DELETE", Campaigns + "/{id}", Caller.Admin,
            (rng, _) => Send(HttpMethod.Delete, $"{Campaigns}/{Id(rng, "gone")}"),
            (rng, _) => Send(HttpMethod.Delete, $"{Campaigns}/{Uri.EscapeDataString(BadId(rng) + "d")}"), Iterations: 8),
        new("GET", Campaigns + "/{id}/report", Caller.Admin,
            (rng, _) => Get($"{Campaigns}/{CampaignId(rng)}/report"),
            (rng, _) => Get($"{Campaigns}/{Uri.EscapeDataString(BadId(rng) + "r")}/report"), Iterations: 8),
        new("POST", "/api/v1/ads/{id}/click", Caller.User,
            (rng, _) => Post($"/api/v1/ads/{CampaignId(rng)}/click", new JsonObject { ["clickId"] = Id(rng, "click") }),
            (rng, _) => rng.Chance(0.2)
                ? Send(HttpMethod.Post, $"/api/v1/ads/{rng.Pick(SeedCampaigns)}/click", BadBody(rng))
                : Post($"/api/v1/ads/{rng.Pick(SeedCampaigns)}/click", new JsonObject { ["clickId"] = rng.Chance(0.7) ? BadId(rng) : NotAString(rng) }),
            Iterations: 10),
    ];

    private static string CampaignId(Random rng) => rng.Chance(0.5) ? rng.Pick(SeedCampaigns) : Id(rng, "cmp");

    private static JsonObject CampaignJson(Random rng)
    {
        var total = rng.Next(1, 100_000);
        return new JsonObject
        {
            ["id"] = Id(rng, "cmp"),
            ["title"] = Text(rng, 120),
            ["imageUrl"] = rng.Chance(0.5) ? $"https://cdn.example.com/{Uri.EscapeDataString(Id(rng))}.jpg" : null,
            ["link"] = $"https://shop.example.com/{Uri.EscapeDataString(Id(rng))}",
            ["targetStyle"] = Vector(rng),
            ["targetGender"] = rng.Chance(0.5) ? EnumName<Gender>(rng) : null,
            ["minAge"] = rng.Next(0, 50),
            ["maxAge"] = rng.Next(50, 121),
            ["regions"] = new JsonArray($"fzad-{rng.Next(1_000_000)}"),
            ["bid"] = Math.Round(0.1 + rng.NextDouble() * 10, 2),
            ["totalBudget"] = total,
            ["dailyBudget"] = rng.Chance(0.5) ? rng.Next(1, total + 1) : null,
            ["dailyCap"] = rng.Next(1, 1001),
            ["endsAt"] = rng.Chance(0.5) ? DateTimeOffset.UtcNow.AddDays(rng.Next(1, 60)).ToString("O") : null,
            ["paused"] = rng.Chance(0.3),
            ["timeZone"] = rng.Pick(new[] { "Asia/Seoul", "Europe/London", "UTC", "America/New_York" }),
        };
    }
}
