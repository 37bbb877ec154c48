using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OtMz.Api.Contracts;

namespace OtMz.AuthTests;

/// <summary>
/// Three real OpenID Connect servers on loopback and one Api that trusts two of them: "test" (the provider, on
/// the real clock, as a confidential client with a secret), "stale" (the same kind of provider whose clock is three
/// hours behind, so every ID token it issues has already expired) and a stranger nobody configured. "down" names a
/// loopback port nothing listens on; "declined" is the test provider under the client id whose users decline.
/// </summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public const string ClientId = "otmz-app";

    public const string ClientSecret = "test-client-secret-never-shown";

    public OidcServer Provider { get; private set; } = null!;

    public OidcServer Stale { get; private set; } = null!;

    public OidcServer Stranger { get; private set; } = null!;

    public ApiHost Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await OidcServer.StartAsync(TimeProvider.System);
        Stale = await OidcServer.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(3)));
        Stranger = await OidcServer.StartAsync(TimeProvider.System);
        Api = new ApiHost("Development", new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = ApiHost.SigningKey,
            // Every test here signs in from the same address, more often than a person would.
            ["RateLimits:SignIn:TokenLimit"] = "1000",
            // Sign-in by provider needs no dev tokens.
            ["Auth:DevTokens"] = "false",
            // Loopback over plain HTTP: allowed in Development only, and only with this switch.
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Auth:Oidc:Providers:test:Authority"] = Provider.Issuer.AbsoluteUri,
            ["Auth:Oidc:Providers:test:ClientId"] = ClientId,
            ["Auth:Oidc:Providers:test:ClientSecret"] = ClientSecret,
            ["Auth:Oidc:Providers:test:DisplayName"] = "Test ID",
            ["Auth:Oidc:Providers:test:Scopes:0"] = "openid",
            ["Auth:Oidc:Providers:test:Scopes:1"] = "profile",
            ["Auth:Oidc:Providers:declined:Authority"] = Provider.Issuer.AbsoluteUri,
            ["Auth:Oidc:Providers:declined:ClientId"] = OidcServer.RefusingClientId,
            ["Auth:Oidc:Providers:stale:Authority"] = Stale.Issuer.AbsoluteUri,
            ["Auth:Oidc:Providers:stale:ClientId"] = ClientId,
            ["Auth:Oidc:Providers:down:Authority"] = $"http://127.0.0.1:{Loopback.FreePort()}",
            ["Auth:Oidc:Providers:down:ClientId"] = ClientId,
        });
        Api.CreateClient().Dispose();
    }

    public Task<HttpResponseMessage> SignIn(string? provider, string? idToken) => SignInWith(new OidcSignInRequest(provider, idToken));

    public Task<HttpResponseMessage> SignInWith(OidcSignInRequest request) => Api.CreateClient().PostAsJsonAsync("/api/v1/auth/oidc", request);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Provider.DisposeAsync();
        await Stale.DisposeAsync();
        await Stranger.DisposeAsync();
    }
}

public sealed partial class OidcSignInTests(OidcFixture oidc) : IClassFixture<OidcFixture>
{
    [Fact]
    public async Task AValidIdTokenGivesAnOtMzTokenThatOpensTheUsersOwnRoutes()
    {
        var subject = $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        var idToken = await oidc.Provider.IdTokenAsync(subject, OidcFixture.ClientId);

        var response = await oidc.SignIn("test", idToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!;
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow);
        using var client = oidc.Api.ClientWith(token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me/taste")).StatusCode);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal($"test:{subject}", me.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task TheSameSubjectSignsInAsTheSameUserEveryTime()
    {
        var subject = $"mina-{Guid.NewGuid():N}";
        using var first = oidc.Api.ClientWith(await SignedIn(subject));
        (await first.PutAsJsonAsync("/api/v1/users/me/profile", new { region = "busan" })).EnsureSuccessStatusCode();

        using var second = oidc.Api.ClientWith(await SignedIn(subject));
        var me = await second.GetFromJsonAsync<JsonElement>("/api/v1/users/me");

        Assert.Equal($"test:{subject}", me.GetProperty("userId").GetString());
        Assert.Equal("busan", me.GetProperty("profile").GetProperty("region").GetString());
    }

    [Fact]
    public async Task ASubjectThatIsNoUserIdIsHashedToTheSameIdEveryTime()
    {
        var subject = $"Mina Kim/{Guid.NewGuid():N}";
        var first = await UserIdOf(await SignedIn(subject));
        var second = await UserIdOf(await SignedIn(subject));
        var other = await UserIdOf(await SignedIn(subject + "!"));

        Assert.Matches(@"\Atest::[0-9a-f]{32}\z", first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task AnIdTokenForAnotherApplicationIsRefused()
    {
        var idToken = await oidc.Provider.IdTokenAsync("4021337", "someone-elses-app");

        var body = await (await oidc.SignIn("test", idToken)).AssertProblem(HttpStatusCode.Unauthorized);

        AssertSaysInGeneralTerms(body, "another application");
    }

    [Fact]
    public async Task AnExpiredIdTokenIsRefused()
    {
        var idToken = await oidc.Stale.IdTokenAsync("4021337", OidcFixture.ClientId);

        var body = await (await oidc.SignIn("stale", idToken)).AssertProblem(HttpStatusCode.Unauthorized);

        AssertSaysInGeneralTerms(body, "expired");
    }

    [Fact]
    public async Task AnIdTokenFromAnIssuerNobodyConfiguredIsRefused()
    {
        var idToken = await oidc.Stranger.IdTokenAsync("4021337", OidcFixture.ClientId);

        var body = await (await oidc.SignIn("test", idToken)).AssertProblem(HttpStatusCode.Unauthorized);

        AssertSaysInGeneralTerms(body, "not issued by this provider");
    }

    [Fact]
    public async Task AnIdTokenWithATamperedSignatureIsRefused()
    {
        var parts = (await oidc.Provider.IdTokenAsync("4021337", OidcFixture.ClientId)).Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';

        var response = await oidc.SignIn("test", $"{parts[0]}.{parts[1]}.{new string(signature)}");

        AssertSaysInGeneralTerms(await response.AssertProblem(HttpStatusCode.Unauthorized), "signature");
    }

    [Fact]
    public async Task AnIdTokenWhoseSubjectWasSwappedIsRefused()
    {
        // The attack a tampered signature stands for: someone else's subject under a real signature.
        var mine = (await oidc.Provider.IdTokenAsync("1111111111", OidcFixture.ClientId)).Split('.');
        var theirs = (await oidc.Provider.IdTokenAsync("2222222222", OidcFixture.ClientId)).Split('.');

        var response = await oidc.SignIn("test", $"{mine[0]}.{theirs[1]}.{mine[2]}");

        AssertSaysInGeneralTerms(await response.AssertProblem(HttpStatusCode.Unauthorized), "signature");
    }

    [Theory]
    [InlineData("{\"provider\":\"kakao\",\"idToken\":\"x.y.z\"}", "provider")]
    [InlineData("{\"idToken\":\"x.y.z\"}", "provider")]
    [InlineData("{\"provider\":\"test\"}", "idToken")]
    [InlineData("{\"provider\":\"test\",\"idToken\":\"\"}", "idToken")]
    public async Task ABadSignInRequestNamesTheField(string json, string field) =>
        await (await oidc.Api.CreateClient().PostAsync("/api/v1/auth/oidc", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task AnIdTokenThatIsNoJwtIsRefused() =>
        AssertSaysInGeneralTerms(await (await oidc.SignIn("test", "not-a-jwt")).AssertProblem(HttpStatusCode.Unauthorized), "well-formed");

    [Fact]
    public async Task AProviderThatCannotBeReachedIs503()
    {
        var idToken = await oidc.Provider.IdTokenAsync("4021337", OidcFixture.ClientId);

        await (await oidc.SignIn("down", idToken)).AssertProblem(HttpStatusCode.ServiceUnavailable);
    }

    private async Task<string> SignedIn(string subject)
    {
        var response = await oidc.SignIn("test", await oidc.Provider.IdTokenAsync(subject, OidcFixture.ClientId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.AccessToken;
    }

    private async Task<string> UserIdOf(string accessToken)
    {
        using var client = oidc.Api.ClientWith(accessToken);
        return (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("userId").GetString()!;
    }

    /// <summary>The refusal names what was wrong, and nothing of the library's internals (its IDX codes, keys, the token).</summary>
    private static void AssertSaysInGeneralTerms(JsonElement problem, string why)
    {
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(why, detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("IDX", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("kid", detail, StringComparison.OrdinalIgnoreCase);
    }
}
