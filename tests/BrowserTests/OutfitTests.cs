using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SkiaSharp;
using Xunit.Abstractions;

namespace OtMz.BrowserTests;

/// <summary>
/// Today's outfits and the codibook in a real browser: a user whose closet the test fills over REST (garment photos
/// drawn with SkiaSharp, analysed by the real vision pipeline) picks a region on the page, sees outfits with their
/// reasons, sees them re-composed by push when an admin changes the region's weather, reports one worn, completes
/// one, saves one and finds it in the codibook; and a user with an empty closet is sent to the closet.
/// </summary>
public sealed class OutfitTests(LiveApp app, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task Outfits_follow_the_weather_live_and_a_saved_outfit_is_in_the_codibook()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} ({m.Location})"); };
        var userId = await Screens.SignInThroughSurveyAsync(page);
        using var user = await ClientAsync(userId);
        using var admin = await ClientAsync($"admin-{Guid.NewGuid():N}"[..20], "admin");
        var region = $"r{Guid.NewGuid():N}"[..12];
        var closet = new Dictionary<string, string>
        {
            ["shirt"] = await UploadAsync(user, "top", "shirt", SKColors.SeaGreen),
            ["knit"] = await UploadAsync(user, "top", "knitwear", SKColors.Navy),
            ["jeans"] = await UploadAsync(user, "bottom", "jeans", SKColors.RoyalBlue),
            ["skirt"] = await UploadAsync(user, "bottom", "skirt", SKColors.Black),
            ["coat"] = await UploadAsync(user, "outer", "coat", SKColors.SaddleBrown),
            ["sneakers"] = await UploadAsync(user, "shoes", "sneakers", SKColors.DarkOrange),
        };
        await SetWeatherAsync(admin, region, 16, "cloudy");

        // No region in the profile yet: the screen asks for one, since weather is kept per region.
        await page.Locator("[data-test='nav'] button[data-screen='outfits']").ClickAsync();
        await Screens.Expect(page.Locator("[data-test='region-form']"));
        await page.GetByLabel("Your region").FillAsync(region);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save region" }).ClickAsync();
        await Screens.Expect(page.Locator($"[data-test='weather'][data-region='{region}'][data-temperature='16']"));
        await Screens.Expect(page.Locator("[data-test='condition']", new() { HasText = "cloudy" }));
        var outfits = page.Locator("[data-test='outfits'] article[data-outfit]");
        await Screens.Expect(outfits.First);
        await Screens.Expect(outfits.First.Locator("[data-test='outfit-reasons'] li").First);
        await Screens.Expect(outfits.First.Locator("img[data-item-picture]").First);
        await LiveApp.ScreenshotAsync(page, "outfits-1-mild");
        await Screens.AssertAccessibleAsync(page, "outfits", output);

        // Complete this outfit, on a mild day's outfit without the coat: under 20 °C the outer is open, and the closet's coat and
        // the catalog's outers (drawn with their looks) are suggested.
        var coatlessId = await page.Locator($"[data-test='outfits'] article[data-outfit]:not(:has(li[data-item='{closet["coat"]}']))").First.GetAttributeAsync("data-outfit");
        var coatless = page.Locator($"[data-test='outfits'] article[data-outfit='{coatlessId}']");
        await coatless.Locator("button.complete").ClickAsync();
        var outer = coatless.Locator("[data-test='completion'] [data-slot='outer']");
        await Screens.Expect(outer.Locator($"[data-source='closet'] img[data-item-picture*='{closet["coat"]}']"));
        await Screens.Expect(outer.Locator("[data-source='catalog'] svg[data-generated]").First);
        await LiveApp.ScreenshotAsync(page, "outfits-2-completion");
        await Screens.AssertAccessibleAsync(page, "outfits-with-completion", output);

        // An operator's cold snap re-composes the open list by push: a new version, the new weather, no navigation.
        var before = await VersionAsync(page);
        await SetWeatherAsync(admin, region, -6, "snow");
        await WaitForNewVersionAsync(page, before);
        await Screens.Expect(page.Locator("[data-test='weather'][data-temperature='-6']"));
        await Screens.Expect(page.Locator("[data-test='condition']", new() { HasText = "snow" }));
        var coat = $"/api/v1/users/me/closet/items/{closet["coat"]}/cutout";
        await page.WaitForFunctionAsync(
            "coat => [...document.querySelectorAll(\"[data-test='outfits'] article[data-outfit]\")].every(a => a.querySelector(`[data-item-picture='${coat}']`))",
            coat, new() { Timeout = (float)Screens.Wait.TotalMilliseconds });
        Assert.Equal(0, await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length - 1"));
        await LiveApp.ScreenshotAsync(page, "outfits-3-cold-snap");

        // "I wore this": logged on every item of the outfit, and the closet change pushes a new list (where the worn
        // outfit may rank lower, being a repeat).
        var first = page.Locator($"[data-test='outfits'] article[data-outfit='{await outfits.First.GetAttributeAsync("data-outfit")}']");
        var wornIds = await ItemIdsAsync(first);
        before = await VersionAsync(page);
        await first.Locator("button.worn").ClickAsync();
        await WaitForNewVersionAsync(page, before);
        foreach (var id in wornIds)
        {
            var item = await user.GetFromJsonAsync<JsonElement>($"/api/v1/users/me/closet/items/{id}");
            Assert.Equal(1, item.GetProperty("wornCount").GetInt32());
        }

        // Save to the codibook, then find it on the Codibook screen with the same items.
        var saved = page.Locator($"[data-test='outfits'] article[data-outfit='{await outfits.First.GetAttributeAsync("data-outfit")}']");
        var savedItems = await ItemIdsAsync(saved);
        await saved.Locator("button.save").ClickAsync();
        await Screens.Expect(page.Locator("[data-test='outfits'] button.save[aria-pressed='true']"));
        await page.Locator("[data-test='nav'] button[data-screen='codibook']").ClickAsync();
        var entry = page.Locator("[data-test='codibook'] article[data-kind='outfit'][data-complete='true']");
        await Screens.Expect(entry);
        Assert.Equal(savedItems.Order(), (await ItemIdsAsync(entry)).Order());
        await Screens.Expect(entry.Locator("img[data-item-picture]").Nth(savedItems.Length - 1));
        await LiveApp.ScreenshotAsync(page, "outfits-4-codibook");
        await Screens.AssertAccessibleAsync(page, "codibook", output);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_empty_closet_leads_to_the_closet_and_the_codibook_pages_marks_and_deletes()
    {
        var page = await app.NewPageAsync();
        var userId = await Screens.SignInThroughSurveyAsync(page);
        using var user = await ClientAsync(userId);

        await page.Locator("[data-test='nav'] button[data-screen='outfits']").ClickAsync();
        var empty = page.Locator("[data-test='outfits-empty']");
        await Screens.Expect(empty);
        await Screens.Expect(empty.GetByText("The closet is empty"));
        await LiveApp.ScreenshotAsync(page, "outfits-5-empty-closet");
        await Screens.AssertAccessibleAsync(page, "outfits-empty", output);
        await empty.GetByRole(AriaRole.Button, new() { Name = "Go to my closet" }).ClickAsync();
        await page.WaitForFunctionAsync("() => sessionStorage.getItem('otmz.screen') === 'closet'");

        // Twelve saved looks and an outfit whose item was removed since: the first page holds ten, newest first.
        var looks = await user.GetFromJsonAsync<JsonElement>("/api/v1/looks?limit=12");
        foreach (var look in looks.GetProperty("items").EnumerateArray())
        {
            (await user.PostAsJsonAsync("/api/v1/users/me/codibook", new { lookId = look.GetProperty("id").GetString() })).EnsureSuccessStatusCode();
        }

        var top = await UploadAsync(user, "top", "shirt", SKColors.Red);
        var bottom = await UploadAsync(user, "bottom", "jeans", SKColors.Navy);
        (await user.PostAsJsonAsync("/api/v1/users/me/codibook", new { itemIds = new[] { top, bottom }, note = "date night" })).EnsureSuccessStatusCode();
        (await user.DeleteAsync($"/api/v1/users/me/closet/items/{bottom}")).EnsureSuccessStatusCode();

        await page.Locator("[data-test='nav'] button[data-screen='codibook']").ClickAsync();
        var entries = page.Locator("[data-test='codibook'] article[data-entry]");
        var incomplete = page.Locator("[data-test='codibook'] article[data-kind='outfit'][data-complete='false']");
        await Screens.Expect(incomplete.Locator("[data-test='missing']"));
        Assert.Equal(10, await entries.CountAsync());
        await Screens.Expect(incomplete.Locator($"li[data-item='{top}'] img[data-item-picture]"));
        Assert.Equal(1, await incomplete.Locator("li[data-item]").CountAsync());
        await Screens.Expect(page.Locator("[data-test='codibook'] article[data-kind='look'] svg[data-generated]").First);
        await LiveApp.ScreenshotAsync(page, "outfits-6-codibook-page");
        await Screens.AssertAccessibleAsync(page, "codibook-paged", output);

        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await Screens.Expect(entries.Nth(12));
        Assert.Equal(13, await entries.CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "More" }).CountAsync());

        var id = await incomplete.GetAttributeAsync("data-entry");
        await incomplete.Locator("button.delete").ClickAsync();
        await Screens.Expect(page.Locator("[data-test='codibook-count']", new() { HasText = "12 of" }));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await user.GetAsync($"/api/v1/users/me/codibook/{id}")).StatusCode);
    }

    private async Task<HttpClient> ClientAsync(string userId, params string[] roles)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Loopback.TokenFor(http, userId, roles));
        return http;
    }

    private static async Task SetWeatherAsync(HttpClient admin, string region, int temperatureC, string condition) =>
        (await admin.PutAsJsonAsync($"/api/v1/regions/{region}/weather", new { temperatureC, precipitationMm = 0, condition, observedAt = DateTimeOffset.UtcNow }))
            .EnsureSuccessStatusCode();

    /// <summary>Adds a garment from a drawn product photo (a shirt-like shape on white), as a phone's upload would.</summary>
    private static async Task<string> UploadAsync(HttpClient user, string slot, string category, SKColor colour)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Garment(colour));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "image", $"{category}.png");
        form.Add(new StringContent(slot), "slot");
        form.Add(new StringContent(category), "category");
        var response = await user.PostAsync("/api/v1/users/me/closet/items", form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static byte[] Garment(SKColor colour, int size = 240)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        using var builder = new SKPathBuilder();
        float s = size;
        builder.MoveTo(0.35f * s, 0.15f * s);
        builder.LineTo(0.65f * s, 0.15f * s);
        builder.LineTo(0.85f * s, 0.30f * s);
        builder.LineTo(0.75f * s, 0.40f * s);
        builder.LineTo(0.68f * s, 0.35f * s);
        builder.LineTo(0.68f * s, 0.85f * s);
        builder.LineTo(0.32f * s, 0.85f * s);
        builder.LineTo(0.32f * s, 0.35f * s);
        builder.LineTo(0.25f * s, 0.40f * s);
        builder.LineTo(0.15f * s, 0.30f * s);
        builder.Close();
        using var path = builder.Detach();
        surface.Canvas.DrawPath(path, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 92);
        return data.ToArray();
    }

    private static Task<string[]> ItemIdsAsync(ILocator card) =>
        card.Locator("li[data-item]").EvaluateAllAsync<string[]>("lis => lis.map(l => l.dataset.item)");

    private static Task<string?> VersionAsync(IPage page) => page.Locator("[data-test='outfits']").GetAttributeAsync("data-version");

    private static Task WaitForNewVersionAsync(IPage page, string? before) =>
        page.WaitForFunctionAsync(
            "v => document.querySelector(\"[data-test='outfits']\")?.dataset.version !== v", before,
            new() { Timeout = (float)Screens.Wait.TotalMilliseconds });
}
