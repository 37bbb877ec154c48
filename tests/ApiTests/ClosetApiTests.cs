using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OtMz.TestShared;
using SkiaSharp;

namespace OtMz.ApiTests;

public class ClosetApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Items = "/api/v1/users/me/closet/items";

    private static readonly SKColor Red = new(0xD0, 0x18, 0x20);

    private static async Task<JsonElement> Upload(HttpClient client, byte[] image, params (string, string)[] fields)
    {
        var response = await client.PostAsync(Items, Pictures.Form(image, "garment.png", fields));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Body();
    }

    private static async Task AssertClosetEmpty(HttpClient client)
    {
        var closet = await client.GetFromJsonAsync<JsonElement>(Items);
        Assert.Empty(closet.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AGarmentPhotoBecomesAnItemWithItsColourStylesAndACutout()
    {
        var client = await factory.NewUserClient();

        var response = await client.PostAsync(Items, Pictures.Form(Pictures.Garment(Red, SKColors.White), "shirt.png", ("slot", "top"), ("category", "t-shirt")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Body();
        var id = item.GetProperty("id").GetString()!;
        Assert.Equal($"{Items}/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("top", item.GetProperty("slot").GetString());
        Assert.Equal("t-shirt", item.GetProperty("category").GetString());
        var colours = item.GetProperty("colours").EnumerateArray().ToList();
        Assert.Equal("red", colours[0].GetProperty("colour").GetString());
        Assert.True(colours[0].GetProperty("weight").GetSingle() > 0.8f, $"red weighs {colours[0]}");
        Assert.DoesNotContain(colours, c => c.GetProperty("colour").GetString() == "white");
        Assert.Equal(StyleTaxonomy.Count, item.GetProperty("styleVector").GetArrayLength());
        Assert.All(item.GetProperty("styleVector").EnumerateArray(), v => Assert.InRange(v.GetSingle(), 0f, 1f));

        var cutout = await client.GetAsync(item.GetProperty("cutoutUrl").GetString());
        Assert.Equal("image/png", cutout.Content.Headers.ContentType!.MediaType);
        using var cut = Pictures.Decode(await cutout.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, cut.GetPixel(1, 1).Alpha);
        Assert.Equal(255, cut.GetPixel(cut.Width / 2, cut.Height / 2).Alpha);
        Assert.True(cut.GetPixel(cut.Width / 2, cut.Height / 2).Red > 180);

        var photo = await client.GetAsync(item.GetProperty("imageUrl").GetString());
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        using var stored = Pictures.Decode(await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(400, stored.Width);
    }

    [Fact]
    public async Task AnUploadFeedsTheClosetStyleBesideTheTasteAndMovesTheClosetVersionNotTheTastes()
    {
        var client = await factory.NewUserClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");

        await Upload(client, Pictures.Garment(Red, SKColors.White));

        var taste = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me/taste");
        Assert.Equal(1, taste.GetProperty("closet").GetProperty("itemCount").GetInt32());
        Assert.Equal(StyleTaxonomy.Count, taste.GetProperty("closet").GetProperty("vector").GetArrayLength());
        Assert.Equal(before.GetProperty("vector").ToString(), taste.GetProperty("vector").ToString());
        Assert.Equal(before.GetProperty("version").GetInt64(), taste.GetProperty("version").GetInt64());
        var closet = await client.GetFromJsonAsync<JsonElement>(Items);
        Assert.Equal(1, closet.GetProperty("style").GetProperty("itemCount").GetInt32());
        Assert.Equal(1, closet.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ACutOutPngKeepsItsOwnTransparency()
    {
        var client = await factory.NewUserClient();

        var item = await Upload(client, Pictures.TransparentGarment(SKColors.Navy));

        Assert.Equal("navy", item.GetProperty("colours")[0].GetProperty("colour").GetString());
        using var cut = Pictures.Decode(await client.GetByteArrayAsync(item.GetProperty("cutoutUrl").GetString()));
        Assert.Equal(0, cut.GetPixel(0, 0).Alpha);
        Assert.Equal(255, cut.GetPixel(cut.Width / 2, cut.Height / 2).Alpha);
    }

    [Fact]
    public async Task ACategoryAloneNamesItsSlot()
    {
        var client = await factory.NewUserClient();

        var item = await Upload(client, Pictures.Garment(SKColors.Blue, SKColors.White), ("category", "jeans"));

        Assert.Equal("bottom", item.GetProperty("slot").GetString());
    }

    [Theory]
    [InlineData("slot", "hat", "slot")]
    [InlineData("category", "tuxedo", "category")]
    public async Task AnUnknownSlotOrCategoryIsRefusedAndNothingIsStored(string field, string value, string errorField)
    {
        var client = await factory.NewUserClient();

        var response = await client.PostAsync(Items, Pictures.Form(Pictures.Garment(Red, SKColors.White), "shirt.png", (field, value)));

        await response.AssertProblem(HttpStatusCode.BadRequest, errorField);
        await AssertClosetEmpty(client);
    }

    [Fact]
    public async Task ACategoryOfAnotherSlotIsRefused()
    {
        var client = await factory.NewUserClient();

        var response = await client.PostAsync(Items, Pictures.Form(Pictures.Garment(Red, SKColors.White), "shirt.png", ("slot", "top"), ("category", "jeans")));

        await response.AssertProblem(HttpStatusCode.BadRequest, "category");
        await AssertClosetEmpty(client);
    }

    public static TheoryData<string, byte[], HttpStatusCode> BadPictures => new()
    {
        { "corrupt bytes", Pictures.Corrupt(), HttpStatusCode.UnprocessableEntity },
        { "a GIF", MalformedPictures.Gif(), HttpStatusCode.UnsupportedMediaType },
        { "a 30000x30000 header", MalformedPictures.PngClaiming(30_000, 30_000), HttpStatusCode.UnprocessableEntity },
        { "a truncated JPEG", Pictures.Garment(Red, SKColors.White, format: SKEncodedImageFormat.Jpeg)[..600], HttpStatusCode.UnprocessableEntity },
        { "an empty file", [], HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadPictures))]
    public async Task ABadPictureGetsAProblemNamingTheImageAndNothingIsStored(string what, byte[] image, HttpStatusCode status)
    {
        var client = await factory.NewUserClient();

        var response = await client.PostAsync(Items, Pictures.Form(image));

        var problem = await response.AssertProblem(status, "image");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("errors").GetProperty("image")[0].GetString()), what);
        await AssertClosetEmpty(client);
    }

    [Fact]
    public async Task AnUploadLargerThanTheLimitIsRefusedWith413()
    {
        var client = await factory.NewUserClient();

        var response = await client.PostAsync(Items, Pictures.Form(new byte[(20 * 1024 * 1024) + 1]));

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        await AssertClosetEmpty(client);
    }

    [Fact]
    public async Task AFormWithoutAnImageNamesTheField()
    {
        var client = await factory.NewUserClient();
        var form = new MultipartFormDataContent { { new StringContent("top"), "slot" } };

        var response = await client.PostAsync(Items, form);

        await response.AssertProblem(HttpStatusCode.BadRequest, "image");
    }

    [Fact]
    public async Task AnItemCanBeListedReadCorrectedAndDeleted()
    {
        var client = await factory.NewUserClient();
        var item = await Upload(client, Pictures.Garment(Red, SKColors.White), ("slot", "top"));
        var id = item.GetProperty("id").GetString()!;

        var listed = await client.GetFromJsonAsync<JsonElement>(Items);
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(id, (await client.GetFromJsonAsync<JsonElement>($"{Items}/{id}")).GetProperty("id").GetString());

        var patched = await client.PatchAsJsonAsync($"{Items}/{id}", new { slot = "outer", category = "jacket", styles = new[] { "classic", "modern" } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var corrected = await patched.Body();
        Assert.Equal("outer", corrected.GetProperty("slot").GetString());
        Assert.Equal("jacket", corrected.GetProperty("category").GetString());
        Assert.True(corrected.GetProperty("stylesCorrected").GetBoolean());
        var vector = corrected.GetProperty("styleVector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(2, vector.Count(v => v == 1f));
        Assert.Equal(21, vector.Count(v => v == 0f));

        var deleted = await client.DeleteAsync($"{Items}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await client.GetAsync($"{Items}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"{Items}/{id}/cutout")).AssertProblem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"{Items}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await AssertClosetEmpty(client);
    }

    [Theory]
    [InlineData("""{"styles":["classic"],"styleVector":[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}""", "styles")]
    [InlineData("""{"styles":["glam"]}""", "styles[0]")]
    [InlineData("""{"styles":[]}""", "styles")]
    [InlineData("""{"styleVector":[1,2,3]}""", "styleVector")]
    [InlineData("""{"category":"skirt"}""", "category")]
    [InlineData("""{"slot":"cape"}""", "slot")]
    [InlineData("""{}""", "$")]
    public async Task ABadCorrectionNamesTheFieldAndChangesNothing(string json, string field)
    {
        var client = await factory.NewUserClient();
        var item = await Upload(client, Pictures.Garment(Red, SKColors.White), ("slot", "top"), ("category", "t-shirt"));
        var id = item.GetProperty("id").GetString()!;

        var response = await client.PatchAsync($"{Items}/{id}", Json.Raw(json));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        var after = await client.GetFromJsonAsync<JsonElement>($"{Items}/{id}");
        Assert.Equal(item.ToString(), after.ToString());
    }

    [Fact]
    public async Task AnotherUsersItemIsUnreachable()
    {
        var owner = await factory.NewUserClient();
        var stranger = await factory.NewUserClient();
        var item = await Upload(owner, Pictures.Garment(Red, SKColors.White));
        var id = item.GetProperty("id").GetString()!;

        await (await stranger.GetAsync($"{Items}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"{Items}/{id}/cutout")).AssertProblem(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"{Items}/{id}/image")).AssertProblem(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"{Items}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await stranger.PatchAsync($"{Items}/{id}", Json.Raw("""{"slot":"bag"}"""))).AssertProblem(HttpStatusCode.NotFound);
        await (await factory.CreateClient().GetAsync(Items)).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"{Items}/{id}")).StatusCode);
    }
}
