using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using OtMz.Api.Contracts;

namespace OtMz.TestSupport;

/// <summary>Small helpers for tests that talk to real servers on this machine.</summary>
public static class Loopback
{
    /// <summary>A loopback port no other test process will be handed; see <see cref="OtMz.Tests.TestPorts"/>.</summary>
    public static int FreePort() => OtMz.Tests.TestPorts.Next();

    public static async Task<string> TokenFor(HttpClient http, string userId, params string[] roles)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new DevTokenRequest(userId, roles));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevTokenResponse>())!.AccessToken;
    }
}
