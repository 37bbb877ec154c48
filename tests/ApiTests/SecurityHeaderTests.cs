using System.Net;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace OtMz.ApiTests;

internal static class Headers
{
    /// <summary>The headers every response carries, whoever wrote it.</summary>
    public static void AssertSecurityHeaders(this HttpResponseMessage response, string host)
    {
        var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} ({(int)response.StatusCode})";
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", what);
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", what);
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), what);
        var policy = Directives(csp.Single());
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self' data: blob:", policy["img-src"]);
        Assert.Equal($"'self' ws://{host} wss://{host}", policy["connect-src"]);
        Assert.False(response.Headers.Contains("Server"), $"{what} names its server.");
    }

    public static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}

public class SecurityHeaderTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("GET", "/health/live", null, HttpStatusCode.OK)]
    [InlineData("GET", "/health/ready", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/v1/styles", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/v1/looks/no-such-look", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/looks?limit=0", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/v1/users/me", null, HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/no/such/route", null, HttpStatusCode.NotFound)]
    // The web client (docs/web.md): its page, any app path, and a missing asset.
    [InlineData("GET", "/", null, HttpStatusCode.OK)]
    [InlineData("GET", "/no/such/route", null, HttpStatusCode.OK)]
    [InlineData("GET", "/assets/no-such-bundle.js", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/v1/auth/dev-token", "{\"userId\":", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/api/v1/styles", null, HttpStatusCode.MethodNotAllowed)]
    public async Task EveryResponseCarriesTheSecurityHeadersErrorsIncluded(string method, string path, string? body, HttpStatusCode status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = Json.Raw(body);
        }

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        response.AssertSecurityHeaders("localhost");
    }

    [Fact]
    public async Task AnAuthenticatedAnswerIsPrivateAndNotStored()
    {
        var client = await factory.NewUserClient();
        var response = await client.GetAsync("/api/v1/users/me");
        response.AssertSecurityHeaders("localhost");
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true, Public: false }, $"Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task PrivateClosetPicturesAreNotCachedAnywhere()
    {
        var client = await factory.NewUserClient();
        var upload = await client.PostAsync("/api/v1/users/me/closet/items",
            Pictures.Form(Pictures.Garment(new SKColor(0x20, 0x40, 0xC0), SKColors.White), "shirt.png", ("slot", "top")));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var item = await upload.Body();

        foreach (var url in new[] { item.GetProperty("imageUrl").GetString()!, item.GetProperty("cutoutUrl").GetString()! })
        {
            var picture = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
            Assert.True(picture.Headers.CacheControl is { Private: true, NoStore: true }, $"{url}: Cache-Control {picture.Headers.CacheControl}");
            Assert.False(picture.Headers.CacheControl!.Public);
            picture.AssertSecurityHeaders("localhost");
        }
    }

    [Fact]
    public async Task TheSwaggerUiRunsUnderItsPolicy()
    {
        var client = factory.CreateClient();
        var page = await client.GetAsync("/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = Headers.Directives(page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["script-src"]);
        var html = await page.Content.ReadAsStringAsync();

        // script-src 'self' without 'unsafe-inline': every script is a file of the page's own origin, and each one loads.
        Assert.DoesNotMatch(new Regex(@"<script(?![^>]*\bsrc=)[^>]*>\s*\S", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase), html);
        var files = Regex.Matches(html, @"(?:src|href)=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.False(Uri.TryCreate(file, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https", $"{file} is from another origin");
            var loaded = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/docs/"), file));
            Assert.True(loaded.StatusCode == HttpStatusCode.OK, $"{file}: {loaded.StatusCode}");
        }

        // The document it fetches is same-origin too.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }
}
