using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Api.Infrastructure;

namespace OtMz.ApiTests;

/// <summary>What a client over its limit gets, and that nobody else is charged for it.</summary>
internal static class Limited
{
    public static async Task<JsonElement> AssertTooManyRequests(this HttpResponseMessage response)
    {
        var problem = await response.AssertProblem(HttpStatusCode.TooManyRequests);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.True(int.Parse(retryAfter) >= 1, $"Retry-After: {retryAfter}");
        return problem;
    }

    /// <summary>A request from <paramref name="address"/>, which the in-memory server lets a test choose.</summary>
    public static async Task<HttpContext> SendFrom<T>(this WebApplicationFactory<T> factory, string address, string method, string path, string? json = null)
        where T : class =>
        await factory.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Method = method;
            var query = path.IndexOf('?');
            context.Request.Path = query < 0 ? path : path[..query];
            context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
            if (json is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                context.Request.ContentType = "application/json";
                context.Request.ContentLength = bytes.Length;
                context.Request.Body = new MemoryStream(bytes);
                context.Features.Set<IHttpRequestBodyDetectionFeature>(new HasABody());
            }
        });

    private sealed class HasABody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}

public class RateLimitTests(TightLimitsApiFactory factory) : IClassFixture<TightLimitsApiFactory>
{
    private const int Limit = TightLimitsApiFactory.Limit;

    private static Task<HttpResponseMessage> Signal(HttpClient client, string id) =>
        client.PostAsJsonAsync("/api/v1/users/me/signals", new { id, type = "colour", colour = "red" });

    private static async Task<long> SignalsApplied(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("signalsApplied").GetInt64();

    [Fact]
    public async Task AUserOverTheSignalLimitGets429WithRetryAfterAndTheRefusedSignalChangesNothing()
    {
        var client = await factory.NewUserClient();
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Signal(client, $"s{i}")).StatusCode);
        }

        await (await Signal(client, "one-too-many")).AssertTooManyRequests();

        Assert.Equal(Limit, await SignalsApplied(client));
    }

    [Fact]
    public async Task AnotherUserIsNotAffectedByOneUsersFlood()
    {
        var alice = await factory.NewUserClient();
        var bob = await factory.NewUserClient();
        for (var i = 0; i <= Limit; i++)
        {
            await Signal(alice, $"flood-{i}");
        }

        await (await Signal(alice, "still-flooding")).AssertTooManyRequests();

        var acks = await Task.WhenAll(Enumerable.Range(0, Limit).Select(i => Signal(bob, $"bob-{i}")));
        Assert.All(acks, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(Limit, await SignalsApplied(bob));
    }

    [Fact]
    public async Task AClientUnderTheLimitNeverSeesA429()
    {
        var client = await factory.NewUserClient();

        // The whole allowance at once, in every limited class this user can use.
        var signals = await Task.WhenAll(Enumerable.Range(0, Limit).Select(i => Signal(client, $"burst-{i}")));
        var writes = await Task.WhenAll(Enumerable.Range(0, Limit).Select(_ => client.PutAsJsonAsync("/api/v1/users/me/profile", new { region = "seoul" })));
        // Signed in, the catalog counts per user: another user's browsing from the same address does not eat into it.
        var reads = await Task.WhenAll(Enumerable.Range(0, Limit).Select(_ => client.GetAsync("/api/v1/styles")));

        Assert.All(signals, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.All(writes, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(reads, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task OtherWritesHaveTheirOwnPerUserLimitApartFromSignals()
    {
        var client = await factory.NewUserClient();
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/v1/users/me/profile", new { region = $"r{i}" })).StatusCode);
        }

        await (await client.PutAsJsonAsync("/api/v1/users/me/profile", new { region = "refused" })).AssertTooManyRequests();

        Assert.Equal("r2", (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("profile").GetProperty("region").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await Signal(client, "still-fine")).StatusCode);
    }

    [Fact]
    public async Task AnonymousReadsAreLimitedPerClientAddressAndAnIPv6ClientByItsSlash64()
    {
        const string flooder = "2001:db8:1:2::17";
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await factory.SendFrom(flooder, "GET", "/api/v1/styles")).Response.StatusCode);
        }

        var refused = await factory.SendFrom("2001:db8:1:2::99", "GET", "/api/v1/styles");
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.Equal("application/problem+json", refused.Response.ContentType);
        Assert.True(int.Parse(refused.Response.Headers.RetryAfter!) >= 1);

        Assert.Equal(StatusCodes.Status200OK, (await factory.SendFrom("2001:db8:1:3::17", "GET", "/api/v1/styles")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await factory.SendFrom("198.51.100.7", "GET", "/api/v1/looks?limit=1")).Response.StatusCode);
    }

    [Fact]
    public async Task HealthProbesAreNeverLimited()
    {
        for (var i = 0; i < Limit * 3; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await factory.SendFrom("198.51.100.99", "GET", "/health/live")).Response.StatusCode);
        }
    }

    [Fact]
    public void EveryWriteAndEveryAnonymousRouteCountsTowardALimit()
    {
        var signedIn = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "someone")], "Bearer", "sub", "role"));
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => (Endpoint: e, Method: method)))
            .ToList();
        Assert.NotEmpty(routes);
        foreach (var (endpoint, method) in routes)
        {
            var anonymous = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null
                || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
            var context = new DefaultHttpContext { User = anonymous ? new ClaimsPrincipal() : signedIn };
            context.Request.Method = method;
            context.SetEndpoint(endpoint);
            var name = $"{method} {endpoint.RoutePattern.RawText}";

            var found = RequestClasses.Classify(context);

            if (anonymous || !HttpMethods.IsGet(method))
            {
                Assert.True(found is not null, $"{name} is not rate-limited.");
            }

            if (anonymous && !HttpMethods.IsGet(method))
            {
                Assert.True(found!.Value.Class is RequestClass.SignIn or RequestClass.DevTokens, $"{name} counts as {found.Value.Class}, not per address.");
            }
            else if (!anonymous && !HttpMethods.IsGet(method))
            {
                Assert.True(found!.Value.Class is RequestClass.Writes or RequestClass.Signals, $"{name} counts as {found.Value.Class}.");
                Assert.Equal("user:someone", found.Value.Key);
            }
        }
    }
}

public class DevTokenRateLimitTests(TightDevTokensApiFactory factory) : IClassFixture<TightDevTokensApiFactory>
{
    [Fact]
    public async Task DevTokensAreLimitedPerClientAddressAndAnotherAddressIsNotAffected()
    {
        for (var i = 0; i < TightLimitsApiFactory.Limit; i++)
        {
            var issued = await factory.SendFrom("203.0.113.5", "POST", "/api/v1/auth/dev-token", $"{{\"userId\":\"u{i}\",\"roles\":[\"admin\"]}}");
            Assert.Equal(StatusCodes.Status200OK, issued.Response.StatusCode);
        }

        var refused = await factory.SendFrom("203.0.113.5", "POST", "/api/v1/auth/dev-token", "{\"userId\":\"one-more\",\"roles\":[\"admin\"]}");
        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.True(int.Parse(refused.Response.Headers.RetryAfter!) >= 1);
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(refused.Response.Body);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("accessToken", problem.ToString());

        Assert.Equal(StatusCodes.Status200OK, (await factory.SendFrom("203.0.113.6", "POST", "/api/v1/auth/dev-token", "{\"userId\":\"elsewhere\"}")).Response.StatusCode);
    }
}
