using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OtMz.BrowserTests;

/// <summary>Steps the browser tests share: waiting with one time limit, signing in through the survey, axe-core.</summary>
internal static class Screens
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static Task Expect(ILocator locator, TimeSpan? wait = null) =>
        locator.WaitForAsync(new() { Timeout = (float)(wait ?? Wait).TotalMilliseconds });

    /// <summary>Signs in as a new user on the sign-in screen and completes the survey; returns the user id.</summary>
    public static async Task<string> SignInThroughSurveyAsync(IPage page)
    {
        var userId = $"browser-{Guid.NewGuid():N}"[..24];
        await page.GotoAsync("/");
        await page.GetByLabel("User id").FillAsync(userId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("button[data-look]").First);
        await page.Locator("[data-style]").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start my feed" }).ClickAsync();
        await Expect(page.Locator("[data-test='feed'] article[data-look]").First);
        await Expect(page.Locator("[data-test='link-state'][data-state='connected']"));
        return userId;
    }

    public static async Task AssertAccessibleAsync(IPage page, string screen, ITestOutputHelper output)
    {
        AxeResult result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        output.WriteLine($"axe on {screen}: {result.Violations.Length} violations ({string.Join(", ", result.Violations.Select(v => $"{v.Id} {v.Impact}"))}), {bad.Count} serious or critical.");
        Assert.True(bad.Count == 0, $"axe on {screen}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public static async Task<string?> FeedVersionAsync(IPage page) =>
        await page.Locator("[data-test='feed']").GetAttributeAsync("data-version");

    /// <summary>Waits until the feed shows a version other than <paramref name="before"/>, without a reload.</summary>
    public static Task WaitForNewFeedAsync(IPage page, string? before, TimeSpan? wait = null) =>
        page.WaitForFunctionAsync(
            "v => document.querySelector(\"[data-test='feed']\")?.dataset.version !== v", before,
            new() { Timeout = (float)(wait ?? Wait).TotalMilliseconds });
}
