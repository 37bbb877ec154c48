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
public class LiveApiFactory : WebApplicationFactory<Program>
{
    public LiveApiFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development, because dev tokens are honoured nowhere else.
        builder.UseEnvironment("Development");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Orleans:SiloPort", Loopback.FreePort().ToString());
        builder.UseSetting("Orleans:GatewayPort", Loopback.FreePort().ToString());
        builder.UseSetting("Orleans:ClusterId", $"realtime-tests-{Guid.NewGuid():N}");
        builder.UseSetting("Catalog:DemoLooks", "3000");
        builder.UseSetting("Catalog:ShardCount", "8");
        builder.UseSetting("Auth:DevTokens", "true");
        builder.UseSetting("Auth:SigningKey", "realtime-tests-signing-key-long-enough-0123456789");
    }

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    public Task<string> TokenFor(string userId, params string[] roles) => Loopback.TokenFor(Http(), userId, roles);


    public async Task<HttpClient> HttpFor(string userId, params string[] roles)
    {
        var http = Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(userId, roles));
        return http;
    }
}
