using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OtMz.TestSupport;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a free loopback port, over plain HTTP: discovery document,
/// JWKS with its own ephemeral RSA key, and a token endpoint that answers the password grant with a signed ID
/// token whose subject is the username and whose audience is the client_id. Its authorization endpoint runs the
/// authorization code flow with PKCE (required) and a nonce: it signs in <see cref="Subject"/> at once, with no
/// login page, as a user who is already signed in at the provider and has consented; for the client
/// <see cref="RefusingClientId"/> it answers access_denied, as when the user cancels. No database: degraded
/// mode, with the handlers that mode asks for written here. Its clock is its own, so a test can make it issue a token
/// that is already old. Shared by the AuthTests and the ApiTests (whose factory trusts one, so the contract and
/// fuzz tests reach POST /api/v1/auth/oidc).
/// </summary>
public sealed class OidcServer : IAsyncDisposable
{
    public const string Password = "open-sesame";

    /// <summary>The client id whose authorization requests the user "declines": the provider redirects back with access_denied.</summary>
    public const string RefusingClientId = "declined-app";

    public const string DeclinedDescription = "The user declined to sign in.";

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private OidcServer(WebApplication app, Uri issuer)
    {
        _app = app;
        Issuer = issuer;
        _http = new HttpClient { BaseAddress = issuer };
    }

    /// <summary>The issuer, as its discovery document and its tokens name it ("http://127.0.0.1:port/").</summary>
    public Uri Issuer { get; }

    /// <summary>Who the authorization endpoint signs in: the subject of the ID tokens the code flow issues.</summary>
    public string Subject { get; set; } = "browser-user";

    public static async Task<OidcServer> StartAsync(TimeProvider clock)
    {
        OidcServer? started = null;
        string subjectOf() => started?.Subject ?? "browser-user";
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetTokenEndpointUris("connect/token");
            server.SetAuthorizationEndpointUris("connect/authorize");
            server.AllowPasswordFlow();
            server.AllowAuthorizationCodeFlow();
            server.RequireProofKeyForCodeExchange();
            server.EnableDegradedMode();
            server.AddEphemeralSigningKey();
            server.AddEphemeralEncryptionKey();
            server.Configure(options => options.TimeProvider = clock);
            server.UseAspNetCore().DisableTransportSecurityRequirement();
            // Degraded mode has no client store: any client_id is accepted (a code's redirect_uri, PKCE verifier and
            // client are still checked by OpenIddict against the code), the password is checked here.
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (string.IsNullOrEmpty(context.ClientId) || (context.Request.IsPasswordGrantType() && context.Request.Password != Password))
                {
                    context.Reject(Errors.InvalidGrant, "Wrong client or password.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (string.IsNullOrEmpty(context.ClientId) || !Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var redirect) || !redirect.IsLoopback)
                {
                    context.Reject(Errors.InvalidRequest, "Only loopback redirect URIs are registered here.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.Request.ClientId == RefusingClientId)
                {
                    context.Reject(Errors.AccessDenied, DeclinedDescription);
                    return default;
                }

                var identity = new ClaimsIdentity("oidc-test-server", Claims.Name, Claims.Role);
                identity.AddClaim(new Claim(Claims.Subject, subjectOf()));
                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(context.Request.GetScopes());
                context.SignIn(principal);
                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.Request.IsAuthorizationCodeGrantType())
                {
                    // The principal the authorization endpoint signed in, restored from the code (its nonce included).
                    context.SignIn(context.AuthorizationCodePrincipal!);
                    return default;
                }

                var identity = new ClaimsIdentity("oidc-test-server", Claims.Name, Claims.Role);
                identity.AddClaim(new Claim(Claims.Subject, context.Request.Username!));
                var principal = new ClaimsPrincipal(identity);
                principal.SetScopes(context.Request.GetScopes());
                context.SignIn(principal);
                return default;
            }));
        });

        var app = builder.Build();
        // OpenIddict answers its endpoints from inside the authentication middleware.
        app.UseAuthentication();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        started = new OidcServer(app, new Uri(address.TrimEnd('/') + "/"));
        // The first request of a process JITs OpenIddict's pipeline, which on a busy machine can outlast the Api's
        // metadata timeout: it is made here, so the server is ready when a test starts talking to it.
        (await started._http.GetAsync(".well-known/openid-configuration")).EnsureSuccessStatusCode();
        (await started._http.GetAsync(".well-known/jwks")).EnsureSuccessStatusCode();
        return started;
    }

    /// <summary>Signs <paramref name="subject"/> in with the password grant and the openid scope, as <paramref name="clientId"/>; the ID token.</summary>
    public async Task<string> IdTokenAsync(string subject, string clientId)
    {
        using var response = await _http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.Password,
            ["username"] = subject,
            ["password"] = Password,
            ["client_id"] = clientId,
            ["scope"] = Scopes.OpenId,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The OIDC server refused the sign-in: {body}");
        }

        return body.GetProperty("id_token").GetString()!;
    }

    /// <summary>
    /// The authorization request a browser makes, without the browser: where the provider sends it back (the
    /// redirect URI with code and state, or with error and error_description).
    /// </summary>
    public async Task<Uri> AuthorizeAsync(string clientId, string redirectUri, string codeChallenge, string nonce, string state)
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Issuer };
        var query = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["response_type"] = ResponseTypes.Code,
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = Scopes.OpenId,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = CodeChallengeMethods.Sha256,
        });
        using var response = await noRedirects.GetAsync($"connect/authorize?{await query.ReadAsStringAsync()}");
        return response.Headers.Location ?? throw new InvalidOperationException($"The authorization endpoint answered {(int)response.StatusCode} without a redirect: {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
