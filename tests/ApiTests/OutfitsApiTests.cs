using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>Outfits from the caller's closet over REST: composing, completing, rating, and their bad input.</summary>
public class OutfitsApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Items = "/api/v1/users/me/closet/items";
    private const string Outfits = "/api/v1/users/me/closet/outfits";

    private static async Task<string> Upload(HttpClient client, string slot, string category, SKColor colour)
    {
        var response = await client.PostAsync(Items, Pictures.Form(Pictures.Garment(colour, SKColors.White), "g.png", ("slot", slot), ("category", category)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body()).GetProperty("id").GetString()!;
    }

    /// <summary>Two tops, two bottoms, a coat, a jacket and sneakers: enough for several outfits in any weather.</summary>
    private static async Task<Dictionary<string, string>> Closet(HttpClient client) => new()
    {
        ["shirt"] = await Upload(client, "top", "shirt", SKColors.White),
        ["knit"] = await Upload(client, "top", "knitwear", SKColors.Navy),
        ["jeans"] = await Upload(client, "bottom", "jeans", SKColors.Blue),
        ["skirt"] = await Upload(client, "bottom", "skirt", SKColors.Black),
        ["coat"] = await Upload(client, "outer", "coat", SKColors.Beige),
        ["jacket"] = await Upload(client, "outer", "jacket", SKColors.Gray),
        ["sneakers"] = await Upload(client, "shoes", "sneakers", SKColors.White),
    };

    private static IEnumerable<string> ItemIds(JsonElement outfit) => outfit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!);

    private static string Day(int plusDays) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(plusDays).ToString("yyyy-MM-dd");

    [Fact]
    public async Task AnEmptyClosetGetsAnEmptyListWithAReasonNotAnError()
    {
        var client = await factory.NewUserClient();

        var outfits = await client.GetFromJsonAsync<JsonElement>(Outfits);

        Assert.Empty(outfits.GetProperty("items").EnumerateArray());
        Assert.Contains("empty", outfits.GetProperty("emptyReason").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OutfitsAreCompleteDistinctAndLeaveOutWhatIsInTheLaundry()
    {
        var client = await factory.NewUserClient();
        var closet = await Closet(client);

        var outfits = await client.GetFromJsonAsync<JsonElement>($"{Outfits}?k=3");

        var items = outfits.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 2, 3);
        Assert.Equal(items.Count, items.Select(o => o.GetProperty("id").GetString()).Distinct().Count());
        foreach (var outfit in items)
        {
            var slots = outfit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slot").GetString()).ToList();
            Assert.Equal(1, slots.Count(s => s == "top"));
            Assert.Equal(1, slots.Count(s => s == "bottom"));
            Assert.InRange(outfit.GetProperty("reasons").GetArrayLength(), 1, 3);
            Assert.All(outfit.GetProperty("items").EnumerateArray(), i => Assert.EndsWith("/cutout", i.GetProperty("cutoutUrl").GetString()));
        }

        (await client.PatchAsJsonAsync($"{Items}/{closet["jeans"]}", new { availability = "laundry" })).EnsureSuccessStatusCode();
        var after = await client.GetFromJsonAsync<JsonElement>($"{Outfits}?k=3");

        Assert.True(after.GetProperty("version").GetInt64() > outfits.GetProperty("version").GetInt64());
        Assert.NotEmpty(after.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(closet["jeans"], after.GetProperty("items").EnumerateArray().SelectMany(ItemIds));
    }

    [Fact]
    public async Task TheRegionsColdWeatherPutsAHeavyOuterOnEveryOutfit()
    {
        var admin = await factory.AdminClient();
        var client = await factory.NewUserClient();
        var region = $"r{Guid.NewGuid():N}"[..12];
        (await client.PutAsJsonAsync("/api/v1/users/me/profile", new { region })).EnsureSuccessStatusCode();
        var closet = await Closet(client);
        (await admin.PutAsJsonAsync($"/api/v1/regions/{region}/weather", new { temperatureC = -8, precipitationMm = 0, condition = "clear", observedAt = DateTimeOffset.UtcNow })).EnsureSuccessStatusCode();

        var outfits = await client.GetFromJsonAsync<JsonElement>(Outfits);

        Assert.Equal("observed", outfits.GetProperty("weather").GetProperty("source").GetString());
        Assert.Equal(-8, outfits.GetProperty("weather").GetProperty("temperatureC").GetDouble());
        Assert.NotEmpty(outfits.GetProperty("items").EnumerateArray());
        Assert.All(outfits.GetProperty("items").EnumerateArray(), o => Assert.Contains(closet["coat"], ItemIds(o)));
    }

    [Fact]
    public async Task ADayAheadIsComposedForThatDaysTypicalWeather()
    {
        var client = await factory.NewUserClient();
        await Closet(client);

        var outfits = await client.GetFromJsonAsync<JsonElement>($"{Outfits}?date={Day(3)}&occasion=work");

        Assert.Equal(Day(3), outfits.GetProperty("day").GetString());
        Assert.Equal("work", outfits.GetProperty("occasion").GetString());
        Assert.Equal("typical", outfits.GetProperty("weather").GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("k=0", "k")]
    [InlineData("k=21", "k")]
    [InlineData("occasion=gala", "occasion")]
    [InlineData("date=tomorrow", "date")]
    [InlineData("date=+15", "date")]
    [InlineData("date=-1", "date")]
    public async Task ABadOutfitQueryNamesTheField(string query, string field)
    {
        var client = await factory.NewUserClient();
        query = query.StartsWith("date=+", StringComparison.Ordinal) || query.StartsWith("date=-", StringComparison.Ordinal)
            ? $"date={Day(int.Parse(query[5..], System.Globalization.CultureInfo.InvariantCulture))}"
            : query;

        await (await client.GetAsync($"{Outfits}?{query}")).AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task LikingAnOutfitIsASignalOnceAndMovesTheTaste()
    {
        var client = await factory.NewUserClient();
        var closet = await Closet(client);
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        var outfit = new[] { closet["shirt"], closet["jeans"], closet["sneakers"] };

        var first = await client.PostAsJsonAsync($"{Outfits}/signals", new { id = "o-1", type = "like", itemIds = outfit });
        var again = await client.PostAsJsonAsync($"{Outfits}/signals", new { id = "o-1", type = "like", itemIds = outfit });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(1, (await first.Body()).GetProperty("accepted").GetInt32());
        Assert.Equal(1, (await again.Body()).GetProperty("duplicates").GetInt32());
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal(before.GetProperty("version").GetInt64() + 1, after.GetProperty("version").GetInt64());
        Assert.NotEqual(before.GetProperty("vector").ToString(), after.GetProperty("vector").ToString());
    }

    [Theory]
    [InlineData("two tops", HttpStatusCode.BadRequest, "itemIds")]
    [InlineData("unknown item", HttpStatusCode.NotFound, "itemIds[1]")]
    [InlineData("not an outfit type", HttpStatusCode.BadRequest, "type")]
    [InlineData("no id", HttpStatusCode.BadRequest, "id")]
    [InlineData("no items", HttpStatusCode.BadRequest, "itemIds")]
    public async Task ABadOutfitSignalNamesTheFieldAndMovesNothing(string what, HttpStatusCode status, string field)
    {
        var client = await factory.NewUserClient();
        var closet = await Closet(client);
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        object body = what switch
        {
            "two tops" => new { id = "s", type = "like", itemIds = new[] { closet["shirt"], closet["knit"], closet["jeans"] } },
            "unknown item" => new { id = "s", type = "like", itemIds = new[] { closet["shirt"], "item-none" } },
            "not an outfit type" => new { id = "s", type = "skip", itemIds = new[] { closet["shirt"], closet["jeans"] } },
            "no id" => new { type = "like", itemIds = new[] { closet["shirt"], closet["jeans"] } },
            _ => new { id = "s", type = "like", itemIds = Array.Empty<string>() },
        };

        await (await client.PostAsJsonAsync($"{Outfits}/signals", body)).AssertProblem(status, field);

        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task AnotherUsersItemsCannotBeRatedOrCompleted()
    {
        var owner = await factory.NewUserClient();
        var stranger = await factory.NewUserClient();
        var closet = await Closet(owner);
        var own = await Upload(stranger, "bottom", "jeans", SKColors.Blue);

        await (await stranger.PostAsJsonAsync($"{Outfits}/signals", new { id = "x", type = "like", itemIds = new[] { closet["shirt"], own } }))
            .AssertProblem(HttpStatusCode.NotFound, "itemIds[0]");
        await (await stranger.PostAsJsonAsync($"{Outfits}/complete", new { itemIds = new[] { closet["shirt"] } }))
            .AssertProblem(HttpStatusCode.NotFound, "itemIds[0]");
    }

    [Fact]
    public async Task CompletingATopSuggestsBottomsFromTheClosetFirstThenFromTheCatalog()
    {
        var client = await factory.NewUserClient();
        var closet = await Closet(client);

        var response = await client.PostAsJsonAsync($"{Outfits}/complete", new { itemIds = new[] { closet["shirt"] } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var slots = (await response.Body()).GetProperty("slots").EnumerateArray().ToDictionary(s => s.GetProperty("slot").GetString()!);
        var bottom = slots["bottom"];
        var fromCloset = bottom.GetProperty("closet").EnumerateArray().Select(s => s.GetProperty("itemId").GetString()).ToList();
        Assert.Subset(new HashSet<string?> { closet["jeans"], closet["skirt"] }, fromCloset.ToHashSet());
        Assert.NotEmpty(fromCloset);
        var fromCatalog = bottom.GetProperty("catalog").EnumerateArray().ToList();
        Assert.NotEmpty(fromCatalog);
        Assert.All(fromCatalog, s =>
        {
            Assert.Equal("catalog", s.GetProperty("source").GetString());
            Assert.False(string.IsNullOrEmpty(s.GetProperty("lookId").GetString()));
            Assert.NotEmpty(s.GetProperty("reasons").EnumerateArray());
        });
        Assert.DoesNotContain("top", slots.Keys);
    }

    [Fact]
    public async Task ACatalogLooksGarmentCanBeCompletedFromTheCloset()
    {
        var client = await factory.NewUserClient();
        var closet = await Closet(client);
        var look = (await client.GetFromJsonAsync<JsonElement>("/api/v1/looks?limit=50")).GetProperty("items").EnumerateArray()
            .First(l => l.GetProperty("garments").EnumerateArray().Any(g => g.GetProperty("slot").GetString() == "top"));
        var index = look.GetProperty("garments").EnumerateArray().TakeWhile(g => g.GetProperty("slot").GetString() != "top").Count();

        var response = await client.PostAsJsonAsync($"{Outfits}/complete", new { lookId = look.GetProperty("id").GetString(), garmentIndex = index });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var slots = (await response.Body()).GetProperty("slots").EnumerateArray().ToDictionary(s => s.GetProperty("slot").GetString()!);
        Assert.Contains(slots["bottom"].GetProperty("closet").EnumerateArray(), s => s.GetProperty("itemId").GetString() == closet["jeans"] || s.GetProperty("itemId").GetString() == closet["skirt"]);
    }

    [Theory]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "$")]
    [InlineData("""{"lookId":"look-none","garmentIndex":0}""", HttpStatusCode.NotFound, "lookId")]
    [InlineData("""{"garmentIndex":0}""", HttpStatusCode.BadRequest, "lookId")]
    [InlineData("""{"itemIds":["item-none"]}""", HttpStatusCode.NotFound, "itemIds[0]")]
    [InlineData("""{"itemIds":[]}""", HttpStatusCode.BadRequest, "itemIds")]
    public async Task ABadCompletionNamesTheField(string json, HttpStatusCode status, string field)
    {
        var client = await factory.NewUserClient();

        await (await client.PostAsync($"{Outfits}/complete", Json.Raw(json))).AssertProblem(status, field);
    }

    [Fact]
    public async Task AGarmentIndexOutsideTheLookIsRefused()
    {
        var client = await factory.NewUserClient();
        var look = (await client.GetFromJsonAsync<JsonElement>("/api/v1/looks?limit=1")).GetProperty("items")[0];

        var response = await client.PostAsJsonAsync($"{Outfits}/complete", new { lookId = look.GetProperty("id").GetString(), garmentIndex = 9 });

        await response.AssertProblem(HttpStatusCode.BadRequest, "garmentIndex");
    }
}
