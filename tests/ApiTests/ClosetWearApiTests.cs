using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>The closet item's owner-given fields (print, warmth, availability) and "I wore this".</summary>
public class ClosetWearApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Items = "/api/v1/users/me/closet/items";
    private const string Worn = "/api/v1/users/me/closet/outfits/worn";

    private static async Task<string> Upload(HttpClient client, string slot, string category, params (string, string)[] more)
    {
        var response = await client.PostAsync(Items, Pictures.Form(Pictures.Garment(SKColors.Navy, SKColors.White), "g.png", [("slot", slot), ("category", category), .. more]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> Item(HttpClient client, string id) => await client.GetFromJsonAsync<JsonElement>($"{Items}/{id}");

    private static string Today(int plusDays = 0) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(plusDays).ToString("yyyy-MM-dd");

    [Fact]
    public async Task AnItemTakesItsWarmthFromItsCategoryUntilCorrectedAndStartsAvailable()
    {
        var client = await factory.NewUserClient();
        var id = await Upload(client, "outer", "coat", ("print", "check"));

        var item = await Item(client, id);
        Assert.Equal(4, item.GetProperty("warmth").GetInt32());
        Assert.False(item.GetProperty("warmthCorrected").GetBoolean());
        Assert.Equal("check", item.GetProperty("print").GetString());
        Assert.Equal("available", item.GetProperty("availability").GetString());
        Assert.Empty(item.GetProperty("wornOn").EnumerateArray());
        Assert.Equal(0, item.GetProperty("wornCount").GetInt32());

        var patched = await (await client.PatchAsJsonAsync($"{Items}/{id}", new { warmth = 3, availability = "laundry", print = "plain" })).Body();
        Assert.Equal(3, patched.GetProperty("warmth").GetInt32());
        Assert.True(patched.GetProperty("warmthCorrected").GetBoolean());
        Assert.Equal("laundry", patched.GetProperty("availability").GetString());
        Assert.Equal("plain", patched.GetProperty("print").GetString());

        // A category change keeps the owner's warmth; availability comes back by the same route.
        var moved = await (await client.PatchAsJsonAsync($"{Items}/{id}", new { category = "padding", availability = "available" })).Body();
        Assert.Equal(3, moved.GetProperty("warmth").GetInt32());
        Assert.Equal("available", moved.GetProperty("availability").GetString());
    }

    [Theory]
    [InlineData("""{"warmth":5}""", "warmth")]
    [InlineData("""{"warmth":-1}""", "warmth")]
    [InlineData("""{"availability":"dirty"}""", "availability")]
    [InlineData("""{"print":"tartan"}""", "print")]
    public async Task ABadWarmthAvailabilityOrPrintNamesTheFieldAndChangesNothing(string json, string field)
    {
        var client = await factory.NewUserClient();
        var id = await Upload(client, "top", "t-shirt");
        var before = await Item(client, id);

        await (await client.PatchAsync($"{Items}/{id}", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);

        Assert.Equal(before.ToString(), (await Item(client, id)).ToString());
    }

    [Fact]
    public async Task AnUnknownPrintOnUploadIsRefusedAndNothingIsStored()
    {
        var client = await factory.NewUserClient();

        var response = await client.PostAsync(Items, Pictures.Form(Pictures.Garment(SKColors.Navy, SKColors.White), "g.png", ("print", "tartan")));

        await response.AssertProblem(HttpStatusCode.BadRequest, "print");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>(Items)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AWearLogsTheDayOnEachItemOnceAndARepeatedReportIsADuplicate()
    {
        var client = await factory.NewUserClient();
        var top = await Upload(client, "top", "shirt");
        var bottom = await Upload(client, "bottom", "jeans");
        var spare = await Upload(client, "bottom", "skirt");

        var first = await client.PostAsJsonAsync(Worn, new { id = "wear-1", itemIds = new[] { top, bottom }, wornOn = Today(-1) });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var ack = await first.Body();
        Assert.False(ack.GetProperty("duplicate").GetBoolean());
        var again = await (await client.PostAsJsonAsync(Worn, new { id = "wear-1", itemIds = new[] { top, bottom }, wornOn = Today(-1) })).Body();
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(ack.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        await client.PostAsJsonAsync(Worn, new { id = "wear-2", itemIds = new[] { top, bottom } });

        var worn = await Item(client, top);
        Assert.Equal([Today(), Today(-1)], worn.GetProperty("wornOn").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(2, worn.GetProperty("wornCount").GetInt32());
        Assert.Equal(2, (await Item(client, bottom)).GetProperty("wornCount").GetInt32());
        Assert.Equal(0, (await Item(client, spare)).GetProperty("wornCount").GetInt32());
    }

    [Fact]
    public async Task AnotherUsersItemOrAnUnknownOneCannotBeWorn()
    {
        var owner = await factory.NewUserClient();
        var stranger = await factory.NewUserClient();
        var top = await Upload(owner, "top", "shirt");
        var bottom = await Upload(owner, "bottom", "jeans");
        var own = await Upload(stranger, "top", "shirt");

        await (await stranger.PostAsJsonAsync(Worn, new { id = "w", itemIds = new[] { own, bottom } })).AssertProblem(HttpStatusCode.NotFound, "itemIds[1]");
        await (await owner.PostAsJsonAsync(Worn, new { id = "w", itemIds = new[] { top, "item-none" } })).AssertProblem(HttpStatusCode.NotFound, "itemIds[1]");

        Assert.Equal(0, (await Item(owner, bottom)).GetProperty("wornCount").GetInt32());
        Assert.Equal(0, (await Item(stranger, own)).GetProperty("wornCount").GetInt32());
    }

    [Theory]
    [InlineData("two tops", "itemIds")]
    [InlineData("no bottom", "itemIds")]
    [InlineData("named twice", "itemIds[1]")]
    [InlineData("ahead", "wornOn")]
    [InlineData("too old", "wornOn")]
    [InlineData("no id", "id")]
    [InlineData("no items", "itemIds")]
    [InlineData("bad item id", "itemIds[0]")]
    public async Task ABadWearNamesTheFieldAndLogsNothing(string what, string field)
    {
        var client = await factory.NewUserClient();
        var top = await Upload(client, "top", "shirt");
        var other = await Upload(client, "top", "blouse");
        var bottom = await Upload(client, "bottom", "jeans");
        object body = what switch
        {
            "two tops" => new { id = "w", itemIds = new[] { top, other, bottom } },
            "no bottom" => new { id = "w", itemIds = new[] { top } },
            "named twice" => new { id = "w", itemIds = new[] { top, top, bottom } },
            "ahead" => new { id = "w", itemIds = new[] { top, bottom }, wornOn = Today(2) },
            "too old" => new { id = "w", itemIds = new[] { top, bottom }, wornOn = Today(-400) },
            "no id" => new { itemIds = new[] { top, bottom } },
            "no items" => new { id = "w", itemIds = Array.Empty<string>() },
            _ => new { id = "w", itemIds = new[] { "bad id!", bottom } },
        };

        await (await client.PostAsJsonAsync(Worn, body)).AssertProblem(HttpStatusCode.BadRequest, field);

        foreach (var id in new[] { top, other, bottom })
        {
            Assert.Equal(0, (await Item(client, id)).GetProperty("wornCount").GetInt32());
        }
    }
}
