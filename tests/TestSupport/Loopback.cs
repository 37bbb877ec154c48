using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using OtMz.Api.Contracts;

namespace OtMz.TestSupport;

/// <summary>Small helpers for tests that talk to real servers on this machine.</summary>
public static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<string> TokenFor(HttpClient http, string userId, params string[] roles)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new DevTokenRequest(userId, roles));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.AccessToken;
    }
}
