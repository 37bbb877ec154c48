using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OtMz.Api.Contracts;

namespace OtMz.AuthTests;

/// <summary>
/// The embedded Api (co-hosted silo included) in the given environment with the given settings on top of its
/// appsettings files: a small demo catalog on free ports, and whatever "Auth" section the test names.
/// </summary>
public class ApiHost(string environment, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string SigningKey = "auth-tests-signing-key-that-is-long-enough-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Orleans:SiloPort", Loopback.FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", Loopback.FreePort().ToString());
        builder.UseSetting("Orleans:ClusterId", $"auth-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Catalog:DemoLooks", "500");
        builder.UseSetting("Catalog:ShardCount", "4");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient ClientWith(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<string> DevTokenFor(string userId, params string[] roles)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/v1/auth/dev-token", new DevTokenRequest(userId, roles));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.AccessToken;
    }
}
