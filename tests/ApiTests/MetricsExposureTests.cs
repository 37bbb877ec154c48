using System.Net;

namespace OtMz.ApiTests;

/// <summary>/metrics without a management port: admins only, on the Api's port.</summary>
public class MetricsForAdminsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task WithoutAManagementPortMetricsAreForAdminsOnly()
    {
        await (await factory.CreateClient().GetAsync("/metrics")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await (await factory.NewUserClient()).GetAsync("/metrics")).AssertProblem(HttpStatusCode.Forbidden);

        var scraped = await (await factory.AdminClient()).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync());
        Assert.True(scraped.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control {scraped.Headers.CacheControl}");
    }
}

/// <summary>/metrics with Operations:MetricsPort set, on real sockets: that port only, for the scraper, without a token.</summary>
public class MetricsOnAManagementPortTests(ManagementPortApiFactory factory) : IClassFixture<ManagementPortApiFactory>
{
    [Fact]
    public async Task MetricsAnswerOnlyOnTheManagementPort()
    {
        var scraped = await ManagementPortApiFactory.Http(factory.Management).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync());

        await (await ManagementPortApiFactory.Http(factory.Api).GetAsync("/metrics")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AHostHeaderNamingTheManagementPortDoesNotOpenIt()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = $"127.0.0.1:{factory.MetricsPort}";

        var response = await ManagementPortApiFactory.Http(factory.Api).SendAsync(request);

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/startup")]
    public async Task HealthProbesStayAnonymousOnTheApiPort(string path)
    {
        var response = await ManagementPortApiFactory.Http(factory.Api).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KestrelNamesNoServerAndSendsTheSecurityHeaders()
    {
        var http = ManagementPortApiFactory.Http(factory.Api);
        foreach (var path in new[] { "/health/live", "/api/v1/styles", "/api/v1/users/me", "/no/such/route" })
        {
            var response = await http.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path} sends Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
            response.AssertSecurityHeaders(factory.Api.Authority);
        }

        var scraped = await ManagementPortApiFactory.Http(factory.Management).GetAsync("/metrics");
        Assert.False(scraped.Headers.Contains("Server"));
    }
}
