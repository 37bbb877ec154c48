using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>
/// The codibook routes: saving catalog looks and closet outfits, the list's cursor paging, what a deleted look or item
/// does to an entry, idempotent saves, the save signal, and every refusal of a save.
/// </summary>
public class CodibookApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Book = "/api/v1/users/me/codibook";
    private const string Items = "/api/v1/users/me/closet/items";

    private async Task<string[]> LookIds(int count)
    {
        var page = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/looks?limit={count}");
        return [.. page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()!)];
    }

    private static async Task<string> AddItem(HttpClient client, string slot, SKColor colour)
    {
        var response = await client.PostAsync(Items, Pictures.Form(Pictures.Garment(colour, SKColors.White, size: 160), "g.png", ("slot", slot)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> Save(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync(Book, body);
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Body();
    }

    private static async Task<JsonElement> Me(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");

    private static string[] Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    [Fact]
    public async Task ASavedLookIsStoredWithItsNoteListedNewestFirstAndCountsAsOneSaveSignal()
    {
        var client = await factory.NewUserClient();
        var looks = await LookIds(2);

        var response = await client.PostAsJsonAsync(Book, new { lookId = looks[0], note = "for the wedding in May" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var first = await response.Body();
        var id = first.GetProperty("id").GetString()!;
        Assert.Equal($"{Book}/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("look", first.GetProperty("kind").GetString());
        Assert.Equal(looks[0], first.GetProperty("look").GetProperty("id").GetString());
        Assert.Equal("for the wedding in May", first.GetProperty("note").GetString());
        Assert.True(first.GetProperty("complete").GetBoolean());
        var second = await Save(client, new { lookId = looks[1] });
        Assert.Equal(JsonValueKind.Null, second.GetProperty("note").ValueKind);

        var list = await client.GetFromJsonAsync<JsonElement>(Book);
        Assert.Equal([second.GetProperty("id").GetString()!, id], Ids(list));
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(1000, list.GetProperty("maxEntries").GetInt32());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("nextCursor").ValueKind);
        var one = await client.GetFromJsonAsync<JsonElement>($"{Book}/{id}");
        Assert.Equal(first.ToString(), one.ToString());

        var me = await Me(client);
        Assert.Equal(2, me.GetProperty("counts").GetProperty("saves").GetInt64());
        Assert.Equal(2, me.GetProperty("signalsApplied").GetInt64());
        Assert.Equal(2, me.GetProperty("counts").GetProperty("codibookEntries").GetInt32());
        var taste = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal(2, taste.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task AClientIdMakesASaveIdempotentAndTheSameIdForSomethingElseIsAConflict()
    {
        var client = await factory.NewUserClient();
        var looks = await LookIds(2);
        var body = new { id = "my-save-1", lookId = looks[0], note = "again" };

        var created = await Save(client, body);
        var retried = await Save(client, body, HttpStatusCode.OK);

        Assert.Equal(created.ToString(), retried.ToString());
        Assert.Equal(["my-save-1"], Ids(await client.GetFromJsonAsync<JsonElement>(Book)));
        var me = await Me(client);
        Assert.Equal(1, me.GetProperty("counts").GetProperty("saves").GetInt64());
        Assert.Equal(1, me.GetProperty("signalsApplied").GetInt64());
        await (await client.PostAsJsonAsync(Book, new { id = "my-save-1", lookId = looks[1] })).AssertProblem(HttpStatusCode.Conflict, "id");
        await (await client.PostAsJsonAsync(Book, new { id = "my-save-1", lookId = looks[0], note = "other" })).AssertProblem(HttpStatusCode.Conflict, "id");
        await (await client.PostAsJsonAsync(Book, new { id = "not valid!", lookId = looks[0] })).AssertProblem(HttpStatusCode.BadRequest, "id");
    }

    [Fact]
    public async Task AnOutfitOfTheCallersItemsIsSavedAndAnItemRemovedLaterIsListedAsMissing()
    {
        var client = await factory.NewUserClient();
        var top = await AddItem(client, "top", SKColors.Red);
        var bottom = await AddItem(client, "bottom", SKColors.Navy);
        var shoes = await AddItem(client, "shoes", SKColors.Black);

        var saved = await Save(client, new { itemIds = new[] { top, bottom, shoes }, note = "Friday" });
        var id = saved.GetProperty("id").GetString()!;
        Assert.Equal("outfit", saved.GetProperty("kind").GetString());
        Assert.True(saved.GetProperty("complete").GetBoolean());
        Assert.Equal([top, bottom, shoes], saved.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        // Saving the outfit is a save signal on it; a retry with the entry's id counts once.
        await Save(client, new { id, itemIds = new[] { top, bottom, shoes }, note = "Friday" }, HttpStatusCode.OK);
        var me = await Me(client);
        Assert.Equal(1, me.GetProperty("counts").GetProperty("saves").GetInt64());
        Assert.Equal(1, me.GetProperty("signalsApplied").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Items}/{bottom}")).StatusCode);

        var entry = await client.GetFromJsonAsync<JsonElement>($"{Book}/{id}");
        Assert.False(entry.GetProperty("complete").GetBoolean());
        Assert.Equal([bottom], entry.GetProperty("missingItemIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([top, bottom, shoes], entry.GetProperty("itemIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal([top, shoes], entry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var listed = (await client.GetFromJsonAsync<JsonElement>(Book)).GetProperty("items")[0];
        Assert.Equal(entry.ToString(), listed.ToString());
    }

    [Fact]
    public async Task ASavedLookTheCatalogDeletedIsListedAsMissing()
    {
        var admin = await factory.AdminClient();
        var lookId = $"cb-look-{Guid.NewGuid():N}";
        var look = new
        {
            id = lookId, title = "Codibook look", gender = "unisex", seasons = new[] { "spring" }, occasions = new[] { "daily" }, minTempC = 5, maxTempC = 20,
            palette = new[] { new { colour = "navy", weight = 1.0 } }, garments = new[] { new { slot = "top", category = "shirt", colour = "navy" } },
            styleVector = Enumerable.Range(0, 23).Select(i => i == 3 ? 0.9 : 0.05).ToArray(),
        };
        (await admin.PostAsJsonAsync("/api/v1/looks", look)).EnsureSuccessStatusCode();
        var client = await factory.NewUserClient();
        var id = (await Save(client, new { lookId })).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/looks/{lookId}")).StatusCode);

        var entry = await client.GetFromJsonAsync<JsonElement>($"{Book}/{id}");
        Assert.False(entry.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("look").ValueKind);
        Assert.Equal(lookId, entry.GetProperty("lookId").GetString());
        Assert.Equal([id], Ids(await client.GetFromJsonAsync<JsonElement>(Book)));
    }

    [Fact]
    public async Task TheListPagesNewestFirstThroughItsCursorAndADeletionBetweenPagesSkipsNothing()
    {
        var client = await factory.NewUserClient();
        var looks = await LookIds(5);
        var saved = new List<string>();
        foreach (var look in looks)
        {
            saved.Add((await Save(client, new { lookId = look })).GetProperty("id").GetString()!);
        }

        var first = await client.GetFromJsonAsync<JsonElement>($"{Book}?limit=2");
        Assert.Equal([saved[4], saved[3]], Ids(first));
        // Deleting an entry already shown and saving a new one do not shift the next page.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Book}/{saved[4]}")).StatusCode);
        await Save(client, new { lookId = looks[0], note = "newer" });
        var second = await client.GetFromJsonAsync<JsonElement>($"{Book}?limit=2&after={first.GetProperty("nextCursor").GetString()}");
        Assert.Equal([saved[2], saved[1]], Ids(second));
        var third = await client.GetFromJsonAsync<JsonElement>($"{Book}?limit=2&after={second.GetProperty("nextCursor").GetString()}");
        Assert.Equal([saved[0]], Ids(third));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("nextCursor").ValueKind);
        Assert.Equal(5, third.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=51", "limit")]
    [InlineData("limit=x", "limit")]
    [InlineData("after=not-a-cursor!", "after")]
    [InlineData("after=MA", "after")]
    [InlineData("after=LTE", "after")]
    public async Task ABadCursorOrLimitIsRefusedNamingIt(string query, string field)
    {
        var client = await factory.NewUserClient();

        var response = await client.GetAsync($"{Book}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        if (!query.Contains("=x", StringComparison.Ordinal))
        {
            await response.AssertProblem(HttpStatusCode.BadRequest, field);
        }
    }

    [Fact]
    public async Task EveryBadSaveIsRefusedNamingTheFieldAndNothingIsSaved()
    {
        var client = await factory.NewUserClient();
        var other = await factory.NewUserClient();
        var look = (await LookIds(1))[0];
        var top = await AddItem(client, "top", SKColors.Red);
        var secondTop = await AddItem(client, "top", SKColors.Green);
        var bottom = await AddItem(client, "bottom", SKColors.Navy);
        var theirs = await AddItem(other, "bottom", SKColors.Black);

        await (await client.PostAsJsonAsync(Book, new { lookId = "look-that-is-not-there" })).AssertProblem(HttpStatusCode.NotFound, "lookId");
        await (await client.PostAsJsonAsync(Book, new { itemIds = new[] { top, theirs } })).AssertProblem(HttpStatusCode.NotFound, "itemIds[1]");
        await (await client.PostAsJsonAsync(Book, new { itemIds = new[] { top, "item-nope" } })).AssertProblem(HttpStatusCode.NotFound, "itemIds[1]");
        await (await client.PostAsJsonAsync(Book, new { itemIds = new[] { top, secondTop, bottom } })).AssertProblem(HttpStatusCode.BadRequest, "itemIds");
        await (await client.PostAsJsonAsync(Book, new { itemIds = new[] { top } })).AssertProblem(HttpStatusCode.BadRequest, "itemIds");
        await (await client.PostAsJsonAsync(Book, new { itemIds = new[] { top, top, bottom } })).AssertProblem(HttpStatusCode.BadRequest, "itemIds[1]");
        await (await client.PostAsJsonAsync(Book, new { itemIds = Array.Empty<string>() })).AssertProblem(HttpStatusCode.BadRequest, "itemIds");
        await (await client.PostAsJsonAsync(Book, new { itemIds = Enumerable.Range(0, 9).Select(i => $"item-{i}").ToArray() })).AssertProblem(HttpStatusCode.BadRequest, "itemIds");
        await (await client.PostAsJsonAsync(Book, new { itemIds = new[] { top, bottom }, lookId = look })).AssertProblem(HttpStatusCode.BadRequest, "lookId");
        await (await client.PostAsJsonAsync(Book, new { note = "nothing to save" })).AssertProblem(HttpStatusCode.BadRequest, "lookId");
        await (await client.PostAsJsonAsync(Book, new { lookId = look, note = new string('a', 501) })).AssertProblem(HttpStatusCode.BadRequest, "note");
        await (await client.PostAsJsonAsync(Book, new { lookId = look, note = "bad\u202Enote" })).AssertProblem(HttpStatusCode.BadRequest, "note");
        await (await client.PostAsJsonAsync(Book, new { lookId = "bad id" })).AssertProblem(HttpStatusCode.BadRequest, "lookId");

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(Book)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Me(client)).GetProperty("signalsApplied").GetInt64());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(Book, new { itemIds = new[] { top, bottom }, note = new string('a', 500) })).StatusCode);
    }

    [Fact]
    public async Task AnotherUsersEntryCannotBeReadOrDeleted()
    {
        var owner = await factory.NewUserClient();
        var other = await factory.NewUserClient();
        var id = (await Save(owner, new { lookId = (await LookIds(1))[0] })).GetProperty("id").GetString()!;

        await (await other.GetAsync($"{Book}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"{Book}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Empty(Ids(await other.GetFromJsonAsync<JsonElement>(Book)));

        Assert.Equal([id], Ids(await owner.GetFromJsonAsync<JsonElement>(Book)));
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Book}/{id}")).StatusCode);
        await (await owner.DeleteAsync($"{Book}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await owner.GetAsync($"{Book}/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AFullCodibookRefusesANewSaveWith409ButStillAnswersARetry()
    {
        var userId = $"user-{Guid.NewGuid():N}";
        var client = await factory.ClientFor(userId);
        var look = (await LookIds(1))[0];
        var book = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICodibookGrain>(userId);
        for (var i = 0; i < ICodibookGrain.MaxEntries; i++)
        {
            Assert.True((await book.Save(new CodibookDraft($"fill-{i}", CodibookKind.Look, look, [], null))).Created);
        }

        var refused = await (await client.PostAsJsonAsync(Book, new { lookId = look })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("1000", refused.GetProperty("detail").GetString());
        await Save(client, new { id = "fill-7", lookId = look }, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Book}/fill-0")).StatusCode);
        await Save(client, new { lookId = look });
        Assert.Equal(ICodibookGrain.MaxEntries, (await client.GetFromJsonAsync<JsonElement>(Book)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ErasingTheUserEmptiesTheCodibook()
    {
        var client = await factory.NewUserClient();
        await Save(client, new { lookId = (await LookIds(1))[0] });

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/users/me")).StatusCode);

        var list = await client.GetFromJsonAsync<JsonElement>(Book);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var counts = (await Me(client)).GetProperty("counts");
        Assert.Equal(0, counts.GetProperty("saves").GetInt64());
        Assert.Equal(0, counts.GetProperty("codibookEntries").GetInt32());
    }
}
