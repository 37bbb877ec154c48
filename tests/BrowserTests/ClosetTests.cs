using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SkiaSharp;
using Xunit.Abstractions;

namespace OtMz.BrowserTests;

/// <summary>
/// The Closet screen in a real browser against the real Api and vision pipeline: a refused photo shows its Problem
/// Details, a generated garment photo is uploaded through the file input and its cutout loads (by object URL, the
/// route needing the bearer token), a correction is refused and then saved (read back over REST), the garment goes
/// to the laundry, another device's upload appears by push without a reload, and a deletion asks first.
/// </summary>
public sealed class ClosetTests(LiveApp app, ITestOutputHelper output) : IClassFixture<LiveApp>
{
    private const string Items = "/api/v1/users/me/closet/items";

    [Fact]
    public async Task Upload_a_photo_see_its_cutout_correct_it_and_follow_another_device_without_a_reload()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} ({m.Location})"); };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var userId = await Screens.SignInThroughSurveyAsync(page);
        output.WriteLine($"Signed in through the survey in {clock.Elapsed.TotalSeconds:F1} s.");
        using var device = await DeviceAsync(userId);

        await page.Locator("[data-test='nav'] [data-screen='closet']").ClickAsync();
        await Screens.Expect(page.Locator("[data-test='closet'][data-version]"));
        await Screens.Expect(page.GetByText("Nothing here yet."));

        // A file that is no picture: the Api's Problem Details are shown, and nothing is added.
        await page.GetByLabel("Photo of the garment").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.png", MimeType = "image/png", Buffer = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251))],
        });
        await page.Locator("[data-test='upload-submit']").ClickAsync();
        var problem = page.Locator("[data-test='upload-problem']");
        await Screens.Expect(problem);
        Assert.Matches("\\((415|422)\\)", await problem.InnerTextAsync());
        Assert.Equal(0, await page.Locator("article[data-item]").CountAsync());

        // A navy shirt on white, as a phone photo of a garment on a plain background would be.
        await page.GetByLabel("Photo of the garment").SetInputFilesAsync(new FilePayload
        {
            Name = "navy-shirt.png", MimeType = "image/png", Buffer = Pictures.Garment(new SKColor(0x1C, 0x2A, 0x4A), SKColors.White),
        });
        await Screens.Expect(page.Locator("img.preview"));
        clock.Restart();
        await page.Locator("[data-test='upload-submit']").ClickAsync();
        var card = page.Locator("article[data-item]").First;
        await Screens.Expect(card);
        output.WriteLine($"The upload was analysed and shown in {clock.Elapsed.TotalSeconds:F1} s.");
        var itemId = await card.GetAttributeAsync("data-item");
        Assert.Equal(0, await problem.CountAsync());
        await WaitForCutoutAsync(page, itemId!);
        Assert.StartsWith("blob:", await card.Locator("img[data-test='cutout']").GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.Contains("Navy", await card.InnerTextAsync(), StringComparison.Ordinal);
        await Screens.Expect(page.Locator("[data-test='closet-stat'] meter").First);
        // axe here and on the refused correction below (the screen with a garment, its corrections open, field errors).
        await Screens.AssertAccessibleAsync(page, "closet-with-item", output);
        await LiveApp.ScreenshotAsync(page, "closet-1-uploaded");

        // The new garment's corrections are open. No style at all is refused by the Api, beside the styles.
        var editor = card.Locator("[data-test='editor']");
        await Screens.Expect(editor);
        await editor.GetByLabel("Slot").SelectOptionAsync("bottom");
        await editor.GetByLabel("Category").SelectOptionAsync("jeans");
        var ticked = editor.Locator("[data-style-pick]:checked");
        while (await ticked.CountAsync() > 0)
        {
            await ticked.First.UncheckAsync();
        }

        await editor.Locator("[data-test='save']").ClickAsync();
        await Screens.Expect(editor.Locator("[data-test='styles-error']"));
        await Screens.Expect(editor.Locator("[data-test='edit-problem']"));
        await Screens.AssertAccessibleAsync(page, "closet-correction-refused", output);
        await LiveApp.ScreenshotAsync(page, "closet-2-refused");
        var unchanged = await ItemAsync(device, itemId!);
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("slot").ValueKind);

        await editor.Locator("[data-style-pick='street']").CheckAsync();
        await editor.Locator("[data-style-pick='sporty']").CheckAsync();
        await editor.Locator("[data-test='save']").ClickAsync();
        await Screens.Expect(page.Locator($"article[data-item='{itemId}'][data-category='jeans']"));
        await Screens.Expect(card.Locator("[role='status']", new() { HasText = "Saved." }));
        var corrected = await ItemAsync(device, itemId!);
        Assert.Equal("bottom", corrected.GetProperty("slot").GetString());
        Assert.Equal("jeans", corrected.GetProperty("category").GetString());
        Assert.True(corrected.GetProperty("stylesCorrected").GetBoolean());
        Assert.Equal(["sporty", "street"], corrected.GetProperty("styles").EnumerateArray().Select(s => s.GetProperty("key").GetString()).Order());
        Assert.Contains("street", await card.Locator("[data-test='styles']").InnerTextAsync(), StringComparison.Ordinal);

        // Into the laundry: the toggle says so, and so does the Api.
        await card.Locator("button[data-availability='laundry']").ClickAsync();
        await Screens.Expect(page.Locator($"article[data-item='{itemId}'][data-availability='laundry']"));
        Assert.Equal("true", await card.Locator("button[data-availability='laundry']").GetAttributeAsync("aria-pressed"));
        Assert.Equal("laundry", (await ItemAsync(device, itemId!)).GetProperty("availability").GetString());

        // Another device uploads a garment: the open page follows by the ClosetUpdated push, without a reload.
        var upload = await device.PostAsync(Items, Pictures.Form(Pictures.Garment(new SKColor(0xC8, 0x10, 0x2E), SKColors.White), "garment.png", ("slot", "top"), ("category", "t-shirt")));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var otherId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Screens.Expect(page.Locator($"article[data-item='{otherId}']"));
        await WaitForCutoutAsync(page, otherId);
        Assert.Equal(0, await page.EvaluateAsync<int>("performance.getEntriesByType('navigation').length - 1"));
        await LiveApp.ScreenshotAsync(page, "closet-3-other-device");

        // Deleting asks first; "keep it" keeps it, "yes" deletes it here and in the Api.
        var other = page.Locator($"article[data-item='{otherId}']");
        await other.Locator("[data-test='delete']").ClickAsync();
        await Screens.Expect(other.Locator("[data-test='confirm']"));
        Assert.Equal("Keep it", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await other.Locator("[data-test='confirm-delete']").ClickAsync();
        await other.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = (float)Screens.Wait.TotalMilliseconds });
        Assert.Equal(HttpStatusCode.NotFound, (await device.GetAsync($"{Items}/{otherId}")).StatusCode);

        // The same screen at a desktop width: the closet and its garment side by side.
        await page.SetViewportSizeAsync(1280, 900);
        await LiveApp.ScreenshotAsync(page, "closet-4-desktop");

        // The browser logs the two refusals above as failed loads; anything else would be a fault of the page.
        var refusals = errors.Where(e => e.StartsWith("Failed to load resource", StringComparison.Ordinal) && e.Contains(Items, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Empty(errors.Except(refusals));
    }

    private static Task WaitForCutoutAsync(IPage page, string itemId) =>
        page.WaitForFunctionAsync(
            "id => { const i = document.querySelector(`article[data-item='${id}'] img[data-test='cutout']`); return !!i && i.complete && i.naturalWidth > 0; }",
            itemId, new() { Timeout = (float)Screens.Wait.TotalMilliseconds });

    private async Task<HttpClient> DeviceAsync(string userId)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Loopback.TokenFor(http, userId, []));
        return http;
    }

    private static async Task<JsonElement> ItemAsync(HttpClient device, string itemId)
    {
        var response = await device.GetAsync($"{Items}/{itemId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
