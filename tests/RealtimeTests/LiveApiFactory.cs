using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Api.Contracts;

namespace OtMz.RealtimeTests;

/// <summary>The embedded Api on a real Kestrel socket on loopback, so the real SignalR client connects to it.</summary>
public sealed class LiveApiFactory : WebApplicationFactory<Program>
{
    public LiveApiFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString());
        builder.UseSetting("Orleans:ClusterId", $"realtime-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Catalog:DemoLooks", "3000");
        builder.UseSetting("Catalog:ShardCount", "8");
        builder.UseSetting("Auth:DevTokens", "true");
        builder.UseSetting("Auth:SigningKey", "realtime-tests-signing-key-long-enough-0123456789");
    }

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    public Task<string> TokenFor(string userId, params string[] roles) => TokenFor(Http(), userId, roles);

    public static async Task<string> TokenFor(HttpClient http, string userId, params string[] roles)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new DevTokenRequest(userId, roles));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.AccessToken;
    }

    public async Task<HttpClient> HttpFor(string userId, params string[] roles)
    {
        var http = Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(userId, roles));
        return http;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
