using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using OtMz.Api.Contracts;
using OtMz.TestSupport;

namespace OtMz.ApiTests;

/// <summary>The embedded Api (co-hosted silo included) on free ports, with a small demo catalog.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const int ShardCount = 8;

    /// <summary>The OIDC provider name this factory trusts; its ID tokens come from <see cref="OidcIdTokenAsync"/>.</summary>
    public const string OidcProvider = "test";

    public const string OidcClientId = "otmz-api-tests";

    // A real OpenID Connect server on loopback, so that POST /api/v1/auth/oidc can succeed in these tests too.
    private readonly Lazy<OidcServer> _oidc = new(() => OidcServer.StartAsync(TimeProvider.System).GetAwaiter().GetResult());

    protected virtual bool DevTokens => true;

    /// <summary>An ID token for <paramref name="subject"/> from the provider this factory trusts.</summary>
    public Task<string> OidcIdTokenAsync(string subject) => _oidc.Value.IdTokenAsync(subject, OidcClientId);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, because dev tokens are honoured nowhere else.
        builder.UseEnvironment("Development");
        builder.UseSetting("Orleans:SiloPort", OtMz.Tests.TestPorts.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", OtMz.Tests.TestPorts.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", $"api-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Catalog:DemoLooks", "3000");
        builder.UseSetting("Catalog:ShardCount", ShardCount.ToString());
        builder.UseSetting("Auth:DevTokens", DevTokens.ToString());
        builder.UseSetting("Auth:SigningKey", "api-tests-signing-key-that-is-long-enough-0123456789");
        builder.UseSetting("Auth:Oidc:RequireHttpsMetadata", "false");
        builder.UseSetting($"Auth:Oidc:Providers:{OidcProvider}:Authority", _oidc.Value.Issuer.AbsoluteUri);
        builder.UseSetting($"Auth:Oidc:Providers:{OidcProvider}:ClientId", OidcClientId);
        // Every answer on /api is kept for the OpenAPI contract test, whichever test class caused it.
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, Contract.ExchangeRecorder.StartupFilter>());
    }

    public async Task<HttpClient> ClientFor(string userId, params string[] roles)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/dev-token", new DevTokenRequest(userId, roles));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<DevTokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> NewUserClient() => ClientFor($"user-{Guid.NewGuid():N}");

    public Task<HttpClient> AdminClient() => ClientFor($"admin-{Guid.NewGuid():N}", "admin");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_oidc.IsValueCreated)
        {
            await _oidc.Value.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Dev tokens switched off (Auth:DevTokens=false), as every deployment but a developer's runs.</summary>
public sealed class NoDevTokensApiFactory : ApiFactory
{
    protected override bool DevTokens => false;
}
