using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OtMz.BrowserTests;

/// <summary>
/// What makes the web client live: a signal sent from elsewhere re-ranks an open page by push, a page whose
/// connection was cut catches up by version when it comes back, and the ad banner records a click. The first
/// load's JavaScript and CSS are weighed here too.
/// </summary>
public sealed partial class LiveTests(LiveApp app, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task A_like_on_a_second_page_of_the_same_user_updates_the_first_without_a_reload()
    {
        var page = await app.NewPageAsync();
        var userId = await Screens.SignInThroughSurveyAsync(page);
        var before = await Screens.FeedVersionAsync(page);

        // The second page is another browser context (its own session storage), at a desktop size, signed in as the same user.
        var second = await app.NewPageAsync(1280, 900);
        await second.GotoAsync("/");
        await second.GetByLabel("User id").FillAsync(userId);
        await second.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var card = second.Locator("[data-test='feed'] article[data-look]").Nth(1);
        await Screens.Expect(card);
        await card.GetByRole(AriaRole.Button, new() { Name = "Like", Exact = true }).ClickAsync();

        await Screens.WaitForNewFeedAsync(page, before);
        Assert.Equal(0, await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length - 1"));
        await LiveApp.ScreenshotAsync(second, "5-second-page");
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_cut_off_the_network_resyncs_by_version_when_it_comes_back()
    {
        var page = await app.NewPageAsync();
        var userId = await Screens.SignInThroughSurveyAsync(page);
        var before = await Screens.FeedVersionAsync(page);
        var resyncs = await ResyncsAsync(page);

        // Offline through the DevTools protocol's network emulation, which also closes the page's WebSocket.
        await page.Context.SetOfflineAsync(true);
        await Screens.Expect(page.Locator("[data-test='link-state'][data-state='reconnecting']"), TimeSpan.FromSeconds(60));
        using var other = await DeviceAsync(userId);
        var lookId = await page.Locator("[data-test='feed'] article[data-look]").Nth(3).GetAttributeAsync("data-look");
        (await other.PostAsJsonAsync("/api/v1/users/me/signals", new { id = $"other-{Guid.NewGuid():N}", type = "like", lookId })).EnsureSuccessStatusCode();
        await LiveApp.ScreenshotAsync(page, "6-offline");

        await page.Context.SetOfflineAsync(false);
        await Screens.Expect(page.Locator("[data-test='link-state'][data-state='connected']"), TimeSpan.FromSeconds(60));
        await Screens.WaitForNewFeedAsync(page, before);
        Assert.True(await ResyncsAsync(page) > resyncs, "The page came back without a GetSnapshot resync.");
        await LiveApp.ScreenshotAsync(page, "7-resynced");
    }

    [Fact]
    public async Task A_connection_the_server_side_closes_is_reopened_and_resyncs_the_pushes_it_lost()
    {
        var page = await app.NewPageAsync();
        // The hub's WebSocket runs through the test, to the real Api: so the test can lose the server's messages and
        // then close the connection from the server's side, as an Api restarting or a proxy timing out does.
        IWebSocketRoute? losing = null;
        IWebSocketRoute? live = null;
        IWebSocketRoute? liveServer = null;
        await page.RouteWebSocketAsync(new Regex("/hubs/style"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(m => { if (m.Text is { } text) server.Send(text); else server.Send(m.Binary!); });
            server.OnMessage(m =>
            {
                if (ReferenceEquals(ws, losing)) return;
                if (m.Text is { } text) ws.Send(text); else ws.Send(m.Binary!);
            });
            live = ws;
            liveServer = server;
        });
        var userId = await Screens.SignInThroughSurveyAsync(page);
        var before = await Screens.FeedVersionAsync(page);
        var resyncs = await ResyncsAsync(page);

        // A like from another device re-ranks the feed; its push is lost on the dying connection.
        losing = live;
        using var other = await DeviceAsync(userId);
        var lookId = await page.Locator("[data-test='feed'] article[data-look]").Nth(2).GetAttributeAsync("data-look");
        (await other.PostAsJsonAsync("/api/v1/users/me/signals", new { id = $"other-{Guid.NewGuid():N}", type = "like", lookId })).EnsureSuccessStatusCode();
        Assert.Equal(before, await Screens.FeedVersionAsync(page));
        var dying = live!;
        await liveServer!.CloseAsync();
        await dying.CloseAsync(new() { Code = 1001, Reason = "Going away" });

        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector(\"[data-test='link-state']\").dataset.resyncs) > n", resyncs,
            new() { Timeout = (float)Screens.Wait.TotalMilliseconds });
        Assert.NotSame(dying, live);
        await Screens.Expect(page.Locator("[data-test='link-state'][data-state='connected']"));
        await Screens.WaitForNewFeedAsync(page, before);
        Assert.Equal(0, await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length - 1"));
    }

    [Fact]
    public async Task The_ad_banner_records_a_click_follows_a_new_campaign_live_and_the_first_load_is_small()
    {
        var page = await app.NewPageAsync();
        long bytes = 0;
        long transferred = 0;
        var encodings = new System.Collections.Concurrent.ConcurrentBag<string>();
        var weighed = new List<Task>();
        page.Response += (_, r) =>
        {
            if (r.Url.EndsWith(".js", StringComparison.Ordinal) || r.Url.EndsWith(".css", StringComparison.Ordinal))
            {
                weighed.Add(Task.Run(async () =>
                {
                    Interlocked.Add(ref bytes, (await r.BodyAsync()).Length);
                    Interlocked.Add(ref transferred, (await r.Request.SizesAsync()).ResponseBodySize);
                    encodings.Add((await r.AllHeadersAsync()).GetValueOrDefault("content-encoding", "identity"));
                }));
            }
        };
        // The advertiser's page is outside the test: answer it here instead of the network.
        await page.Context.RouteAsync("https://**", r => r.FulfillAsync(new() { Status = 200, Body = "advertiser" }));

        await Screens.SignInThroughSurveyAsync(page);
        await Task.WhenAll(weighed);
        output.WriteLine($"First load: {bytes / 1024.0:F1} KB of JavaScript and CSS, {transferred / 1024.0:F1} KB transferred ({string.Join(", ", encodings.Order())}).");
        Assert.True(bytes < 300 * 1024, $"The first load took {bytes} bytes of JavaScript and CSS.");
        Assert.True(transferred < bytes / 2, $"The first load transferred {transferred} bytes of {bytes}: the bundles went out uncompressed.");

        var banner = page.Locator("aside.ad");
        await Screens.Expect(banner);
        await Screens.AssertAccessibleAsync(page, "feed-with-ad", output);
        var popup = page.Context.WaitForPageAsync();
        await banner.Locator("a").ClickAsync();
        await Screens.Expect(page.Locator("aside.ad [role='status']"));
        await popup;
        await LiveApp.ScreenshotAsync(page, "8-ad-clicked");

        // An operator's new campaign that outbids the rest reaches the open banner by push, with no reload.
        using var admin = new HttpClient { BaseAddress = app.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await Loopback.TokenFor(admin, $"ops-{Guid.NewGuid():N}"[..20], "admin"));
        var campaign = $"live-{Guid.NewGuid():N}"[..20];
        (await admin.PostAsJsonAsync("/api/v1/ads/campaigns", new
        {
            id = campaign, title = "Live banner", link = "https://example.com/live", totalBudget = 1000, dailyCap = 5,
            targetStyle = Enumerable.Repeat(1f, 23), bid = 100,
        })).EnsureSuccessStatusCode();
        await Screens.Expect(page.Locator($"aside.ad[data-campaign='{campaign}']"));
        Assert.Equal(0, await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length - 1"));
        await LiveApp.ScreenshotAsync(page, "9-ad-pushed");
    }

    private async Task<HttpClient> DeviceAsync(string userId)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Loopback.TokenFor(http, userId, []));
        return http;
    }

    private static Task<int> ResyncsAsync(IPage page) =>
        page.Locator("[data-test='link-state']").GetAttributeAsync("data-resyncs").ContinueWith(t => int.Parse(t.Result ?? "0"));
}
