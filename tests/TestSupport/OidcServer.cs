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
/// token whose subject is the username and whose audience is the client_id. No database: degraded mode, with
/// the two handlers that mode asks for written here. Its clock is its own, so a test can make it issue a token
/// that is already old. Shared by the AuthTests and the ApiTests (whose factory trusts one, so the contract and
/// fuzz tests reach POST /api/v1/auth/oidc).
/// </summary>
public sealed class OidcServer : IAsyncDisposable
{
    public const string Password = "open-sesame";

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

    public static async Task<OidcServer> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetTokenEndpointUris("connect/token");
            server.AllowPasswordFlow();
            server.EnableDegradedMode();
            server.AddEphemeralSigningKey();
            server.AddEphemeralEncryptionKey();
            server.Configure(options => options.TimeProvider = clock);
            server.UseAspNetCore().DisableTransportSecurityRequirement();
            // Degraded mode has no client store: any client_id is accepted, the password is checked here.
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (string.IsNullOrEmpty(context.ClientId) || context.Request.Password != Password)
                {
                    context.Reject(Errors.InvalidGrant, "Wrong client or password.");
                }

                return default;
            }));
            server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
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
        return new OidcServer(app, new Uri(address.TrimEnd('/') + "/"));
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

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
