using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;

namespace OtMz.ApiTests;

/// <summary>
/// Through the real upload routes: a closet item says when the background remover doubts its cutout, and a catalog
/// look's palette is taken from the same foreground as a closet item's, so the backdrop is no colour of the look.
/// </summary>
public class UploadForegroundTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Items = "/api/v1/users/me/closet/items";

    private static readonly SKColor Navy = new(25, 35, 80);

    [Fact]
    public async Task AnItemWhoseCutoutTheRemoverDoubtsSaysSoAndACleanOneDoesNot()
    {
        var client = await factory.NewUserClient();

        // An off-white shirt on white (about 3 ΔE*ab apart): no outline to find, so no cutout to trust.
        var doubted = await Upload(client, Pictures.Garment(new SKColor(244, 243, 240), SKColors.White));
        var clean = await Upload(client, Pictures.Garment(Navy, SKColors.White, format: SKEncodedImageFormat.Jpeg));

        Assert.True(doubted.GetProperty("cutoutUncertain").GetBoolean());
        Assert.False(clean.GetProperty("cutoutUncertain").GetBoolean());
        var reread = await client.GetFromJsonAsync<JsonElement>($"{Items}/{doubted.GetProperty("id").GetString()}");
        Assert.True(reread.GetProperty("cutoutUncertain").GetBoolean());
        var listed = (await client.GetFromJsonAsync<JsonElement>(Items)).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("cutoutUncertain").GetBoolean());
        Assert.True(listed[doubted.GetProperty("id").GetString()!]);
        Assert.False(listed[clean.GetProperty("id").GetString()!]);
    }

    [Fact]
    public async Task ASolidNavyShirtImportedAsALookIsNavyAloneAndMatchesTheClosetsPalette()
    {
        var admin = await factory.AdminClient();
        var user = await factory.NewUserClient();
        var photo = Pictures.Garment(Navy, SKColors.White, format: SKEncodedImageFormat.Jpeg);
        var id = $"photo-{Guid.NewGuid():N}";

        var response = await admin.PostAsync("/api/v1/looks", Pictures.Form(photo, "navy-tee.jpg",
            ("id", id), ("title", "Navy tee"), ("gender", "unisex"), ("seasons", "summer"), ("occasions", "daily"), ("minTempC", "18"), ("maxTempC", "30")));
        var item = await Upload(user, photo);

        var look = await response.Body();
        Assert.True(response.StatusCode == HttpStatusCode.Created, look.ToString());
        var palette = Palette(look);
        Assert.Equal("navy", Assert.Single(palette).Colour);
        Assert.Equal(palette, Palette(item));
        var stored = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/looks/{id}");
        Assert.Equal(palette, Palette(stored));
    }

    private static async Task<JsonElement> Upload(HttpClient client, byte[] image)
    {
        var response = await client.PostAsync(Items, Pictures.Form(image, "garment.jpg", ("slot", "top")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Body();
    }

    private static List<(string Colour, float Weight)> Palette(JsonElement owner)
    {
        var entries = owner.TryGetProperty("palette", out var palette) ? palette : owner.GetProperty("colours");
        return [.. entries.EnumerateArray().Select(p => (p.GetProperty("colour").GetString()!, MathF.Round(p.GetProperty("weight").GetSingle(), 3)))];
    }
}
