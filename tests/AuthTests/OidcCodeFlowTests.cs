using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using OtMz.Api.Contracts;
using OtMz.Api.Endpoints;

namespace OtMz.AuthTests;

/// <summary>
/// The browser's sign-in without the browser: the provider list a sign-in page reads, then the authorization code
/// flow against the real OIDC server (PKCE, state, nonce), the code handed to POST /api/v1/auth/oidc as the web
/// client does. The browser run of the same flow is tests/BrowserTests/SignInTests.cs.
/// </summary>
public sealed partial class OidcSignInTests
{
    private const string Callback = "http://127.0.0.1:5080/auth/callback";

    [Fact]
    public async Task TheProviderListNamesEachProviderAndItsAuthorizationEndpointButNoSecret()
    {
        var response = await oidc.Api.CreateClient().GetAsync("/api/v1/auth/providers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(OidcFixture.ClientSecret, text, StringComparison.Ordinal);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.False(body.GetProperty("devSignIn").GetBoolean());
        var providers = body.GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["declined", "down", "stale", "test"], providers.Keys);
        var test = providers["test"];
        Assert.Equal("Test ID", test.GetProperty("displayName").GetString());
        Assert.Equal(oidc.Provider.Issuer.AbsoluteUri, test.GetProperty("issuer").GetString());
        Assert.Equal(OidcFixture.ClientId, test.GetProperty("clientId").GetString());
        Assert.Equal(["openid", "profile"], test.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(new Uri(oidc.Provider.Issuer, "connect/authorize").AbsoluteUri, test.GetProperty("authorizationEndpoint").GetString());
        Assert.Equal("down", providers["down"].GetProperty("displayName").GetString());
        Assert.Equal(["openid"], providers["down"].GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, providers["down"].GetProperty("authorizationEndpoint").ValueKind);
    }

    [Fact]
    public async Task ACodeFromTheAuthorizationEndpointSignsInTheProvidersSubject()
    {
        oidc.Provider.Subject = $"browser-{Guid.NewGuid():N}";
        var flow = await Flow.StartAsync(oidc.Provider, OidcFixture.ClientId);

        var response = await oidc.SignInWith(flow.Request());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"test:{oidc.Provider.Subject}", await UserIdOf((await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.AccessToken));
    }

    [Fact]
    public async Task ACodeWhoseIdTokenCarriesAnotherNonceIsRefused()
    {
        var flow = await Flow.StartAsync(oidc.Provider, OidcFixture.ClientId);

        var response = await oidc.SignInWith(flow.Request() with { Nonce = "a-nonce-of-some-other-sign-in" });

        AssertSaysInGeneralTerms(await response.AssertProblem(HttpStatusCode.Unauthorized), "nonce");
    }

    [Fact]
    public async Task ACodeWithTheWrongVerifierIsRefusedByTheProvider()
    {
        var flow = await Flow.StartAsync(oidc.Provider, OidcFixture.ClientId);

        var response = await oidc.SignInWith(flow.Request() with { CodeVerifier = Flow.NewVerifier() });

        AssertSaysInGeneralTerms(await response.AssertProblem(HttpStatusCode.Unauthorized), "refused the authorization code (invalid_grant");
    }

    [Fact]
    public async Task ACodeRedeemedForAnotherRedirectUriIsRefusedByTheProvider()
    {
        var flow = await Flow.StartAsync(oidc.Provider, OidcFixture.ClientId);

        var response = await oidc.SignInWith(flow.Request() with { RedirectUri = "http://127.0.0.1:5080/elsewhere" });

        AssertSaysInGeneralTerms(await response.AssertProblem(HttpStatusCode.Unauthorized), "invalid_grant");
    }

    [Fact]
    public async Task AnIdTokenSentWithANonceMustCarryIt()
    {
        // The password grant's ID tokens carry no nonce, so a client that sent one at sign-in is refused them.
        var idToken = await oidc.Provider.IdTokenAsync("4021337", OidcFixture.ClientId);

        var response = await oidc.SignInWith(new OidcSignInRequest("test", idToken, Nonce: "n-0123456789"));

        AssertSaysInGeneralTerms(await response.AssertProblem(HttpStatusCode.Unauthorized), "nonce");
    }

    [Fact]
    public async Task TheProviderSaysWhenTheUserDeclines()
    {
        var flow = await Flow.StartAsync(oidc.Provider, OidcServer.RefusingClientId);

        Assert.Null(flow.Code);
        Assert.Equal("access_denied", flow.Returned["error"]);
        Assert.Equal(OidcServer.DeclinedDescription, flow.Returned["error_description"]);
        Assert.Equal(flow.State, flow.Returned["state"]);
    }

    [Fact]
    public async Task ACodeForAProviderThatCannotBeReachedIs503()
    {
        var flow = await Flow.StartAsync(oidc.Provider, OidcFixture.ClientId);

        await (await oidc.SignInWith(flow.Request() with { Provider = "down" })).AssertProblem(HttpStatusCode.ServiceUnavailable);
    }

    private const string Verifier = "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv";

    [Theory]
    [InlineData("{\"provider\":\"test\",\"idToken\":\"x.y.z\",\"code\":\"c\",\"codeVerifier\":\"" + Verifier + "\",\"redirectUri\":\"" + Callback + "\",\"nonce\":\"n\"}", "idToken")]
    [InlineData("{\"provider\":\"test\",\"code\":\"\",\"codeVerifier\":\"" + Verifier + "\",\"redirectUri\":\"" + Callback + "\",\"nonce\":\"n\"}", "code")]
    [InlineData("{\"provider\":\"test\",\"code\":\"c\",\"redirectUri\":\"" + Callback + "\",\"nonce\":\"n\"}", "codeVerifier")]
    [InlineData("{\"provider\":\"test\",\"code\":\"c\",\"codeVerifier\":\"too-short\",\"redirectUri\":\"" + Callback + "\",\"nonce\":\"n\"}", "codeVerifier")]
    [InlineData("{\"provider\":\"test\",\"code\":\"c\",\"codeVerifier\":\"" + Verifier + " \",\"redirectUri\":\"" + Callback + "\",\"nonce\":\"n\"}", "codeVerifier")]
    [InlineData("{\"provider\":\"test\",\"code\":\"c\",\"codeVerifier\":\"" + Verifier + "\",\"nonce\":\"n\"}", "redirectUri")]
    [InlineData("{\"provider\":\"test\",\"code\":\"c\",\"codeVerifier\":\"" + Verifier + "\",\"redirectUri\":\"/auth/callback\",\"nonce\":\"n\"}", "redirectUri")]
    [InlineData("{\"provider\":\"test\",\"code\":\"c\",\"codeVerifier\":\"" + Verifier + "\",\"redirectUri\":\"javascript:alert(1)\",\"nonce\":\"n\"}", "redirectUri")]
    [InlineData("{\"provider\":\"test\",\"code\":\"c\",\"codeVerifier\":\"" + Verifier + "\",\"redirectUri\":\"" + Callback + "\"}", "nonce")]
    [InlineData("{\"provider\":\"test\",\"code\":\"c\",\"codeVerifier\":\"" + Verifier + "\",\"redirectUri\":\"" + Callback + "\",\"nonce\":\"\"}", "nonce")]
    [InlineData("{\"provider\":\"test\",\"codeVerifier\":\"" + Verifier + "\",\"idToken\":\"x.y.z\"}", "code")]
    [InlineData("{\"provider\":\"nobody\",\"code\":\"c\",\"codeVerifier\":\"" + Verifier + "\",\"redirectUri\":\"" + Callback + "\",\"nonce\":\"n\"}", "provider")]
    public async Task ABadCodeSignInNamesTheField(string json, string field) =>
        await (await oidc.Api.CreateClient().PostAsync("/api/v1/auth/oidc", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);

    [Theory]
    [InlineData("code", AuthApi.MaxCodeLength + 1)]
    [InlineData("redirectUri", AuthApi.MaxRedirectUriLength + 1)]
    [InlineData("nonce", AuthApi.MaxNonceLength + 1)]
    public async Task AnOverlongCodeSignInFieldIsNamed(string field, int length)
    {
        var request = new OidcSignInRequest("test", null, "c", Verifier, Callback, "n");
        var filler = new string('a', length);
        request = field switch
        {
            "code" => request with { Code = filler },
            "redirectUri" => request with { RedirectUri = Callback + "?" + filler[(Callback.Length + 1)..] },
            _ => request with { Nonce = filler },
        };

        await (await oidc.SignInWith(request)).AssertProblem(HttpStatusCode.BadRequest, field);
    }

    /// <summary>One authorization request as the web client makes it, and what the provider sent back.</summary>
    private sealed record Flow(string Verifier, string Nonce, string State, Dictionary<string, string> Returned)
    {
        public string? Code => Returned.GetValueOrDefault("code");

        public static async Task<Flow> StartAsync(OidcServer server, string clientId)
        {
            var verifier = NewVerifier();
            var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            var nonce = NewVerifier();
            var state = NewVerifier();
            var back = await server.AuthorizeAsync(clientId, Callback, challenge, nonce, state);
            Assert.StartsWith(Callback, back.AbsoluteUri, StringComparison.Ordinal);
            var returned = QueryHelpers.ParseQuery(back.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
            return new Flow(verifier, nonce, state, returned);
        }

        public static string NewVerifier() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

        public OidcSignInRequest Request()
        {
            Assert.Equal(State, Returned["state"]);
            return new OidcSignInRequest("test", null, Code ?? throw new InvalidOperationException($"No code: {string.Join(", ", Returned)}"), Verifier, Callback, Nonce);
        }
    }
}
