using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OtMz.BrowserTests;

/// <summary>
/// The web client in a real browser against the real Api: sign in, the survey, the live feed changing after a
/// like, and axe-core on each screen with no serious or critical violation.
/// </summary>
public sealed class FeedTests(LiveApp app, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private static readonly TimeSpan Wait = Screens.Wait;

    [Fact]
    public async Task The_root_serves_the_app_and_api_prefixes_keep_their_problem_details()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var root = await http.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("<div id=\"app\">", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var deepLink = await http.GetAsync("/feed");
        Assert.Equal(System.Net.HttpStatusCode.OK, deepLink.StatusCode);

        var unknownApi = await http.GetAsync("/api/v1/no-such-route");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);

        var missingAsset = await http.GetAsync("/assets/missing.js");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missingAsset.StatusCode);
    }

    [Fact]
    public async Task Sign_in_survey_and_a_like_that_changes_the_feed_without_a_reload()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} ({m.Location})"); };

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }));
        await AssertAccessibleAsync(page, "sign-in");
        await LiveApp.ScreenshotAsync(page, "1-sign-in");

        var userId = $"browser-{Guid.NewGuid():N}"[..24];
        await page.GetByLabel("User id").FillAsync(userId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What do you like?" }));
        await page.Locator("[data-look]").First.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        // Every look shows a picture: generated from its palette and garments when it has no photo.
        Assert.True(await page.Locator("[data-look] svg[data-generated='true']").CountAsync() > 0);
        await AssertAccessibleAsync(page, "survey");
        await LiveApp.ScreenshotAsync(page, "2-survey");

        await page.Locator("[data-style]").First.ClickAsync();
        await page.Locator("button[data-look]").First.ClickAsync();
        var started = DateTimeOffset.UtcNow;
        await page.GetByRole(AriaRole.Button, new() { Name = "Start my feed" }).ClickAsync();

        var feed = page.Locator("[data-test='feed'] article[data-look]");
        await feed.First.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        output.WriteLine($"The feed showed looks {(DateTimeOffset.UtcNow - started).TotalMilliseconds:F0} ms after the survey was sent.");
        await page.Locator("[data-test='link-state'][data-state='connected']").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await AssertAccessibleAsync(page, "feed");
        await LiveApp.ScreenshotAsync(page, "3-feed");

        var before = await page.Locator("[data-test='feed']").GetAttributeAsync("data-version");
        var order = await FeedOrderAsync(page);
        await feed.Nth(2).Locator("button.like").ClickAsync();

        // The like's push (LooksUpdated) replaces the list: a newer version, in place, without a reload.
        await page.WaitForFunctionAsync(
            "v => document.querySelector(\"[data-test='feed']\")?.dataset.version !== v", before,
            new() { Timeout = (float)Wait.TotalMilliseconds });
        Assert.NotEqual("Updated 0×", await page.Locator("[data-test='feed-updates']").InnerTextAsync());
        output.WriteLine($"Feed before: {string.Join(",", order)}; after: {string.Join(",", await FeedOrderAsync(page))}");
        await LiveApp.ScreenshotAsync(page, "4-feed-after-like");

        await page.GetByRole(AriaRole.Button, new() { Name = "More like this" }).First.ClickAsync();
        await page.Locator(".similar figure").First.WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });

        // Save keeps the look in the codibook (read back over REST as the same user).
        var saved = await feed.Nth(0).GetAttributeAsync("data-look");
        await page.Locator($"[data-test='feed'] article[data-look='{saved}'] button.save").ClickAsync();
        await Expect(page.Locator($"[data-test='feed'] article[data-look='{saved}'] button.save[aria-pressed='true']"));
        using var device = new HttpClient { BaseAddress = app.BaseAddress };
        device.DefaultRequestHeaders.Authorization = new("Bearer", await Loopback.TokenFor(device, userId, []));
        var book = await device.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/users/me/codibook");
        Assert.Equal([saved], book.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("lookId").GetString()));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_ui_follows_the_browser_language_and_switches()
    {
        var page = await app.NewPageAsync(1280, 800, "ko-KR");
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "로그인" }));
        await page.Locator("[data-test='lang']").SelectOptionAsync("en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }));
        Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
        await AssertAccessibleAsync(page, "sign-in-desktop");
        await LiveApp.ScreenshotAsync(page, "5-sign-in-desktop");
    }

    private static async Task<string[]> FeedOrderAsync(IPage page) =>
        [.. await page.Locator("[data-test='feed'] article[data-look]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.look)")];

    private Task AssertAccessibleAsync(IPage page, string screen) => Screens.AssertAccessibleAsync(page, screen, output);

    private static Task Expect(ILocator locator) => Screens.Expect(locator);
}
