using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using OtMz.Api.Contracts;

namespace OtMz.ApiTests;

/// <summary>
/// The Orleans dashboard mounted at /dashboard behind the admin requirement, and the session cookie that lets an
/// admin's browser tab open it (docs/api.md, "The Orleans dashboard"): what opens it, and that the cookie opens nothing else.
/// </summary>
public class DashboardApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Session = "/api/v1/auth/dashboard-session";

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/ClusterStats")]
    [InlineData("/dashboard/index.min.js")]
    public async Task WithoutATokenTheDashboardIsA401(string path)
    {
        var response = await Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/ClusterStats")]
    public async Task ANonAdminGetsA403(string path)
    {
        var user = await factory.NewUserClient();
        var response = await user.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnAdminBearerTokenOpensThePageItsAssetsAndItsJson()
    {
        var admin = await factory.AdminClient();
        var page = await admin.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync());
        var policy = Headers.Directives(page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);

        var script = await admin.GetAsync("/dashboard/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);

        var stats = await admin.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        using var json = JsonDocument.Parse(await stats.Content.ReadAsStringAsync());
        // The dashboard grain answered; its numbers fill in from its first sample a second later (the browser test sees them).
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("hosts").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("totalActiveHostCount").ValueKind);

        // The path without its slash redirects, so the page's relative asset paths resolve under /dashboard/.
        var bare = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false })
            .SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard") { Headers = { Authorization = admin.DefaultRequestHeaders.Authorization } });
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.EndsWith("/dashboard/", bare.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheLiveLogStreamIsOffByDefault()
    {
        var admin = await factory.AdminClient();
        var response = await admin.GetAsync("/dashboard/Trace");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownDashboardPathIsA404NotTheWebClient()
    {
        var admin = await factory.AdminClient();
        var response = await admin.GetAsync("/dashboard/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpeningASessionNeedsAnAdmin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsync(Session, null)).StatusCode);
        var user = await factory.NewUserClient();
        var refused = await user.PostAsync(Session, null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AnAdminsSessionIsAnHttpOnlyStrictPathScopedShortCookieThatOpensTheDashboard()
    {
        var admin = await factory.AdminClient();
        var before = DateTimeOffset.UtcNow;
        var response = await admin.PostAsync(Session, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<DashboardSessionResponse>();
        Assert.Equal("/dashboard/", body!.Path);
        Assert.InRange(body.ExpiresAt, before.AddMinutes(14), before.AddMinutes(16));

        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith("otmz.dashboard=", cookie);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/dashboard", attributes);
        Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal));

        var value = SessionValue(cookie);
        var withCookie = Anonymous();
        withCookie.DefaultRequestHeaders.Add("Cookie", $"otmz.dashboard={value}");
        Assert.Equal(HttpStatusCode.OK, (await withCookie.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withCookie.GetAsync("/dashboard/ClusterStats")).StatusCode);
    }

    [Fact]
    public async Task TheSessionOpensNothingButTheDashboard()
    {
        var admin = await factory.AdminClient();
        var value = SessionValue((await admin.PostAsync(Session, null)).Headers.GetValues("Set-Cookie").Single());

        // Sent as a cookie to an admin route (a browser would not even send it there, the path is /dashboard).
        var withCookie = Anonymous();
        withCookie.DefaultRequestHeaders.Add("Cookie", $"otmz.dashboard={value}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await withCookie.GetAsync("/api/v1/ads/campaigns")).StatusCode);

        // Sent as a bearer token: its audience is the dashboard's, not the Api's.
        var asBearer = Anonymous();
        asBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asBearer.GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asBearer.GetAsync("/api/v1/ads/campaigns")).StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task AForgedOrEmptyCookieIsA401(string value)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", $"otmz.dashboard={value}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/dashboard/ClusterStats")).StatusCode);
    }

    [Fact]
    public async Task ABearerTokenInTheCookieIsRefused()
    {
        var admin = await factory.AdminClient();
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", $"otmz.dashboard={admin.DefaultRequestHeaders.Authorization!.Parameter}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/dashboard/ClusterStats")).StatusCode);
    }

    [Fact]
    public async Task ClosingTheSessionExpiresTheCookie()
    {
        var user = await factory.NewUserClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().DeleteAsync(Session)).StatusCode);
        var response = await user.DeleteAsync(Session);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        Assert.StartsWith("otmz.dashboard=;", cookie);
        Assert.Contains("path=/dashboard", cookie);
        Assert.Contains("expires=thu, 01 jan 1970", cookie);
    }

    private HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    private static string SessionValue(string setCookie) => setCookie.Split(';')[0]["otmz.dashboard=".Length..];
}
