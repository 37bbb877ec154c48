using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>GET /users/me as the my page: the summary's fields kept, the style stats side by side, colours, counts and the closet summary.</summary>
public class MyPageApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Items = "/api/v1/users/me/closet/items";

    private static async Task<string> AddItem(HttpClient client, string slot, SKColor colour)
    {
        var response = await client.PostAsync(Items, Pictures.Form(Pictures.Garment(colour, SKColors.White, size: 160), "g.png", ("slot", slot)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body()).GetProperty("id").GetString()!;
    }

    private static int CountOf(JsonElement list, string name, string value) =>
        list.EnumerateArray().Single(e => e.GetProperty(name).GetString() == value).GetProperty("count").GetInt32();

    [Fact]
    public async Task ANewUsersPageHasTheSummaryANeutralTasteStatAnEmptyClosetAndZeroCounts()
    {
        var userId = $"user-{Guid.NewGuid():N}";
        var me = await (await factory.ClientFor(userId)).GetFromJsonAsync<JsonElement>("/api/v1/users/me");

        Assert.Equal(userId, me.GetProperty("userId").GetString());
        Assert.Equal(5, me.GetProperty("topStyles").GetArrayLength());
        foreach (var field in new[] { "profile", "version", "surveyCompleted", "signalsApplied", "updatedAt" })
        {
            Assert.True(me.TryGetProperty(field, out _), field);
        }

        var taste = me.GetProperty("styleStat").GetProperty("taste");
        Assert.Equal(StyleTaxonomy.All.Select(s => s.Key), taste.GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.Equal(3, taste.GetProperty("top").GetArrayLength());
        var closet = me.GetProperty("styleStat").GetProperty("closet");
        Assert.Equal(StyleTaxonomy.Count, closet.GetProperty("scores").GetArrayLength());
        Assert.All(closet.GetProperty("scores").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("score").GetSingle()));
        Assert.Equal(0, closet.GetProperty("top").GetArrayLength());
        Assert.Equal(0, me.GetProperty("styleStat").GetProperty("closetItemCount").GetInt32());
        Assert.Empty(me.GetProperty("colourAffinity").EnumerateArray());
        Assert.All(me.GetProperty("counts").EnumerateObject(), c => Assert.Equal(0, c.Value.GetInt64()));
        var summary = me.GetProperty("closet");
        Assert.Equal(7, summary.GetProperty("bySlot").GetArrayLength());
        Assert.Empty(summary.GetProperty("byColour").EnumerateArray());
        Assert.Equal(["available", "laundry", "stored"], summary.GetProperty("byAvailability").EnumerateArray().Select(a => a.GetProperty("availability").GetString()));
        Assert.Empty(me.GetProperty("notWornLately").EnumerateArray());
    }

    [Fact]
    public async Task ThePageFollowsSignalsAndTheClosetTasteAndClosetStatsSideBySide()
    {
        var client = await factory.NewUserClient();
        var look = (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/looks?style=resort&limit=1")).GetProperty("items")[0];
        var signals = new
        {
            signals = new object[]
            {
                new { id = "s-1", type = "save", lookId = look.GetProperty("id").GetString() },
                new { id = "s-2", type = "like", lookId = look.GetProperty("id").GetString() },
                new { id = "s-3", type = "colour", colour = "red" },
            },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/users/me/signals", signals)).StatusCode);
        var bottom = await AddItem(client, "bottom", SKColors.Navy);
        await AddItem(client, "bottom", SKColors.Navy);
        var top = await AddItem(client, "top", SKColors.Red);
        var worn = new { id = "worn-1", itemIds = new[] { top, bottom } };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/users/me/closet/outfits/worn", worn)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/users/me/closet/outfits/worn", worn)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"{Items}/{bottom}", new { availability = "laundry" })).StatusCode);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");

        var counts = me.GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("signalsApplied").GetInt64());
        Assert.Equal(1, counts.GetProperty("saves").GetInt64());
        Assert.Equal(3, counts.GetProperty("closetItems").GetInt32());
        Assert.Equal(1, counts.GetProperty("outfitsWorn").GetInt64());
        Assert.Equal(2, counts.GetProperty("itemWears").GetInt32());
        var stat = me.GetProperty("styleStat");
        var taste = stat.GetProperty("taste");
        var closet = stat.GetProperty("closet");
        Assert.Equal(3, stat.GetProperty("closetItemCount").GetInt32());
        Assert.Equal(StyleTaxonomy.Count, taste.GetProperty("scores").GetArrayLength());
        Assert.Equal(StyleTaxonomy.Count, closet.GetProperty("scores").GetArrayLength());
        Assert.Equal(3, closet.GetProperty("top").GetArrayLength());
        var tasteTop = taste.GetProperty("top")[0];
        Assert.Equal(taste.GetProperty("scores").EnumerateArray().Max(s => s.GetProperty("score").GetSingle()), tasteTop.GetProperty("score").GetSingle());
        var tasteApi = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal(tasteApi.GetProperty("styles")[0].GetProperty("key").GetString(), tasteTop.GetProperty("key").GetString());
        Assert.Equal(tasteApi.GetProperty("closet").GetProperty("styles")[0].GetProperty("key").GetString(), closet.GetProperty("top")[0].GetProperty("key").GetString());
        Assert.Equal(tasteApi.GetProperty("colours").ToString(), me.GetProperty("colourAffinity").ToString());
        Assert.Contains(me.GetProperty("colourAffinity").EnumerateArray(), c => c.GetProperty("colour").GetString() == "red");

        var summary = me.GetProperty("closet");
        Assert.Equal(1, CountOf(summary.GetProperty("bySlot"), "slot", "top"));
        Assert.Equal(2, CountOf(summary.GetProperty("bySlot"), "slot", "bottom"));
        Assert.Equal(0, CountOf(summary.GetProperty("bySlot"), "slot", "shoes"));
        Assert.Equal(1, CountOf(summary.GetProperty("byColour"), "colour", "red"));
        Assert.Equal(2, CountOf(summary.GetProperty("byColour"), "colour", "navy"));
        Assert.Equal(2, CountOf(summary.GetProperty("byAvailability"), "availability", "available"));
        Assert.Equal(1, CountOf(summary.GetProperty("byAvailability"), "availability", "laundry"));
        // Items added today have not been unworn for 30 days yet; the ClusterTests cover the ones that have.
        Assert.Empty(me.GetProperty("notWornLately").EnumerateArray());
    }
}
