using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OtMz.BrowserTests;

/// <summary>
/// The "my style" screen (its radar, the radar's text alternative, and the radar moving by push when a signal
/// comes from another device) and the operators' page (both reports, and the Orleans dashboard opened from it in
/// a new tab through the dashboard session). An admin signs in by a dev token with the admin role put into the
/// tab's sessionStorage, where the sign-in screen keeps its own: the Development sign-in form asks for a user id
/// only, and that keeps the screen every user sees free of a role picker.
/// </summary>
public sealed class MyStyleAndAdminTests(LiveApp app, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task My_style_shows_a_radar_with_its_text_alternative_and_moves_when_another_device_likes_a_look()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var page = await app.NewPageAsync();
        var userId = await Screens.SignInThroughSurveyAsync(page);
        output.WriteLine($"Signed in through the survey after {clock.Elapsed.TotalSeconds:F1} s.");
        Assert.Equal(0, await page.Locator("[data-test='nav'] [data-screen='admin']").CountAsync());

        await page.Locator("[data-test='nav'] [data-screen='mystyle']").ClickAsync();
        var radar = page.Locator("[data-test='radar']");
        await Screens.Expect(radar.Locator("canvas"));
        Assert.Equal(23, await page.Locator("[data-test='radar-table'] tbody tr").CountAsync());
        Assert.Equal("Classic", (await page.Locator("[data-test='radar-table'] tbody th").First.TextContentAsync())?.Trim());
        Assert.StartsWith("Radar chart of your style", await radar.Locator("canvas").GetAttributeAsync("aria-label"));
        output.WriteLine($"The radar showed after {clock.Elapsed.TotalSeconds:F1} s.");
        await Screens.AssertAccessibleAsync(page, "mystyle", output);
        await LiveApp.ScreenshotAsync(page, "mystyle-1-radar");

        var before = await radar.GetAttributeAsync("data-version");
        var signalsBefore = await page.Locator("[data-test='signals-applied']").TextContentAsync();
        using var other = await ClientAsync(userId);
        var looks = await other.GetFromJsonAsync<JsonElement>("/api/v1/looks?limit=5&style=street");
        var lookId = looks.GetProperty("items")[4].GetProperty("id").GetString();
        (await other.PostAsJsonAsync("/api/v1/users/me/signals", new { id = $"other-{Guid.NewGuid():N}", type = "like", lookId })).EnsureSuccessStatusCode();
        output.WriteLine($"The like was sent from another device after {clock.Elapsed.TotalSeconds:F1} s.");

        await page.WaitForFunctionAsync(
            "v => document.querySelector(\"[data-test='radar']\")?.dataset.version !== v", before,
            new() { Timeout = (float)Screens.Wait.TotalMilliseconds });
        output.WriteLine($"The radar moved after {clock.Elapsed.TotalSeconds:F1} s.");
        Assert.NotEqual(signalsBefore, await page.Locator("[data-test='signals-applied']").TextContentAsync());
        // The liked look's palette gives the taste its first colour leanings.
        await Screens.Expect(page.Locator("[data-test='colours'] li[data-colour]").First);
        Assert.Equal(0, await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length - 1"));
        await LiveApp.ScreenshotAsync(page, "mystyle-2-moved");

        // The radar's labels follow the UI language: the taxonomy's Korean names.
        await page.Locator("[data-test='lang']").SelectOptionAsync("ko");
        await Screens.Expect(page.Locator("[data-test='radar-table'] tbody th", new() { HasTextString = "클래식" }));
        await Screens.AssertAccessibleAsync(page, "mystyle-ko", output);
        await LiveApp.ScreenshotAsync(page, "mystyle-3-ko");
    }

    [Fact]
    public async Task The_admin_page_shows_both_reports_and_its_link_opens_a_working_dashboard()
    {
        var adminId = $"admin-{Guid.NewGuid():N}"[..20];
        using var admin = await ClientAsync(adminId, "admin");
        var experiment = $"exp-{Guid.NewGuid():N}"[..16];
        (await admin.PostAsJsonAsync("/api/v1/experiments", new
        {
            name = experiment,
            variants = new object[]
            {
                new { name = "control", share = 0.5 },
                new { name = "seen", share = 0.5, options = new Dictionary<string, double> { ["Ranking:SeenPenalty"] = 0.4 } },
            },
        })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/users/me/survey", new { likedLookIds = Array.Empty<string>(), likedStyles = new[] { "street" } })).EnsureSuccessStatusCode();
        // A slate delivered, so some campaign has impressions in this hour for the delivery-by-hour table.
        (await admin.GetAsync("/api/v1/users/me/recommendations/ads?k=5")).EnsureSuccessStatusCode();

        var page = await app.NewPageAsync(1280, 900);
        var dashboardAnswers = new List<int>();
        page.Context.Response += (_, r) =>
        {
            if (r.Url.Contains("/dashboard/", StringComparison.Ordinal))
            {
                lock (dashboardAnswers)
                {
                    dashboardAnswers.Add(r.Status);
                }
            }
        };
        var cspErrors = new List<string>();
        page.Context.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (cspErrors)
                {
                    cspErrors.Add(m.Text);
                }
            }
        };

        await page.GotoAsync("/");
        var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        await page.EvaluateAsync("([t, u]) => { sessionStorage.setItem('otmz.token', t); sessionStorage.setItem('otmz.user', u); }", new[] { token, adminId });
        await page.ReloadAsync();
        await page.Locator("[data-test='nav'] [data-screen='admin']").ClickAsync();

        await Screens.Expect(page.Locator("[data-test='campaign-reports'] tr[data-campaign]").First);
        await Screens.Expect(page.Locator($"[data-test='experiment-reports'] [data-experiment='{experiment}'] tr[data-variant='seen']"));
        Assert.True(await page.Locator("[data-test='campaign-reports'] .pacing").CountAsync() > 0);
        await Screens.Expect(page.Locator("[data-test='hours'] tbody tr").First);
        await Screens.AssertAccessibleAsync(page, "admin", output);
        await LiveApp.ScreenshotAsync(page, "admin-1-reports");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var link = page.Locator("[data-test='dashboard-link']");
        await Screens.Expect(link);
        var popup = page.Context.WaitForPageAsync();
        await link.ClickAsync();
        var dashboard = await popup;
        // The dashboard's own script draws its menu and then polls its JSON with the session cookie.
        await Screens.Expect(dashboard.Locator("#menu a").First);
        await dashboard.WaitForFunctionAsync("() => document.title === 'Orleans Dashboard'");
        await dashboard.WaitForResponseAsync(r => r.Url.Contains("/dashboard/DashboardCounters", StringComparison.Ordinal) && r.Status == 200,
            new() { Timeout = (float)Screens.Wait.TotalMilliseconds });
        output.WriteLine($"The dashboard polled its counters {clock.Elapsed.TotalSeconds:F1} s after the link was clicked.");
        await LiveApp.ScreenshotAsync(dashboard, "admin-2-dashboard");
        lock (dashboardAnswers)
        {
            Assert.DoesNotContain(dashboardAnswers, s => s is 401 or 403);
        }

        lock (cspErrors)
        {
            Assert.True(cspErrors.Count == 0, string.Join("\n", cspErrors));
        }
    }

    private async Task<HttpClient> ClientAsync(string userId, params string[] roles)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Loopback.TokenFor(http, userId, roles));
        return http;
    }
}
