using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace OtMz.BrowserTests;

/// <summary>
/// The Api of <see cref="LiveApp"/> with dev tokens off, trusting a real OpenID Connect server on loopback
/// (tests/TestSupport/OidcServer.cs) twice: "test" (a user who signs in) and "declined" (a client id whose users
/// cancel at the provider). Development only for the plain-HTTP loopback authority.
/// </summary>
public sealed class SignInApp : LiveApp
{
    public SignInApp()
        : this(OidcServer.StartAsync(TimeProvider.System).GetAwaiter().GetResult())
    {
    }

    private SignInApp(OidcServer oidc)
        : base(new Dictionary<string, string?>
        {
            ["Auth:DevTokens"] = "false",
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            // The Api's own first fetch JITs its side; two cores shared by parallel builds can be slow at it.
            ["Auth:Oidc:MetadataTimeout"] = "00:00:30",
            ["Auth:Oidc:Providers:test:Authority"] = oidc.Issuer.AbsoluteUri,
            ["Auth:Oidc:Providers:test:ClientId"] = "otmz-web",
            ["Auth:Oidc:Providers:test:DisplayName"] = "Test ID",
            ["Auth:Oidc:Providers:declined:Authority"] = oidc.Issuer.AbsoluteUri,
            ["Auth:Oidc:Providers:declined:ClientId"] = OidcServer.RefusingClientId,
            ["Auth:Oidc:Providers:declined:DisplayName"] = "Declined ID",
        })
    {
        Oidc = oidc;
    }

    public OidcServer Oidc { get; }

    protected override async Task DisposeMoreAsync() => await Oidc.DisposeAsync();
}

/// <summary>
/// Signing in through a real provider in the browser: the provider buttons (and no dev form where dev tokens are
/// off), the authorization code flow with PKCE, state and nonce through the provider and back, the refusal a
/// provider sends when the user declines, and an answer that belongs to no sign-in of this tab.
/// </summary>
public sealed class SignInTests(SignInApp app, ITestOutputHelper output) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task A_provider_button_signs_in_through_the_provider_and_lands_on_the_survey()
    {
        app.Oidc.Subject = $"mina-{Guid.NewGuid():N}"[..20];
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Continue with Test ID" });
        await Screens.Expect(button);
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Continue with Declined ID" }).CountAsync());
        Assert.Equal(0, await page.Locator("[data-test='dev-sign-in']").CountAsync());
        await LiveApp.ScreenshotAsync(page, "signin-1-providers");
        await Screens.AssertAccessibleAsync(page, "sign-in-with-providers", output);

        Uri? authorization = null;
        page.Request += (_, r) =>
        {
            if (r.IsNavigationRequest && r.Url.StartsWith(new Uri(app.Oidc.Issuer, "connect/authorize").AbsoluteUri, StringComparison.Ordinal))
            {
                authorization = new Uri(r.Url);
            }
        };
        await button.ClickAsync();

        await Screens.Expect(page.Locator("button[data-look]").First);
        Assert.True(authorization is not null, "The sign-in did not go through the provider's authorization endpoint.");
        var asked = System.Web.HttpUtility.ParseQueryString(authorization.Query);
        Assert.Equal("code otmz-web openid S256", $"{asked["response_type"]} {asked["client_id"]} {asked["scope"]} {asked["code_challenge_method"]}");
        Assert.All(new[] { "state", "nonce", "code_challenge" }, k => Assert.Equal(43, asked[k]?.Length));
        Assert.Equal(app.BaseAddress.AbsoluteUri, page.Url);
        var userId = $"test:{app.Oidc.Subject}";
        Assert.Equal(userId, await page.EvaluateAsync<string>("sessionStorage.getItem('otmz.user')"));
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('otmz.oidc')"));
        // The token the page holds is the Api's own, for the provider's subject as the Api maps it.
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await page.EvaluateAsync<string>("sessionStorage.getItem('otmz.token')"));
        Assert.Equal(userId, (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("userId").GetString());
        await LiveApp.ScreenshotAsync(page, "signin-2-survey");
    }

    [Fact]
    public async Task A_provider_that_refuses_the_sign_in_says_why()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue with Declined ID" }).ClickAsync();

        var error = page.Locator("[data-test='error']");
        await Screens.Expect(error);
        var text = await error.InnerTextAsync();
        Assert.Contains("Declined ID did not sign you in", text, StringComparison.Ordinal);
        Assert.Contains($"access_denied: {OidcServer.DeclinedDescription}", text, StringComparison.Ordinal);
        await Screens.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue with Test ID" }));
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('otmz.token')"));
        Assert.Equal(app.BaseAddress.AbsoluteUri, page.Url);
        await LiveApp.ScreenshotAsync(page, "signin-3-declined");
        await Screens.AssertAccessibleAsync(page, "sign-in-refused", output);
    }

    [Fact]
    public async Task An_answer_to_no_sign_in_of_this_tab_is_refused_before_the_code_is_used()
    {
        var page = await app.NewPageAsync();
        var exchanged = false;
        page.Request += (_, r) => exchanged |= r.Url.Contains("/api/v1/auth/oidc", StringComparison.Ordinal);
        await page.GotoAsync("/auth/callback?code=forged-code&state=forged-state");

        var error = page.Locator("[data-test='error']");
        await Screens.Expect(error);
        Assert.Contains("does not belong to a sign-in started in this tab", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(exchanged, "A code that came back to no sign-in of this tab was sent to the Api.");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('otmz.token')"));
    }
}
