using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OtMz.AuthTests;

/// <summary>
/// The real Api, started as its own process in Production (as ServiceProcess does) with each wrong "Auth"
/// section: it must exit non-zero with one log entry that says why, before it listens. And with a right one it starts.
/// </summary>
public sealed class StartupRefusalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const string Key = "--Auth:SigningKey=" + ApiHost.SigningKey;

    public static TheoryData<string, string[]> WrongConfigurations => new()
    {
        // Anyone could mint an admin token (issue 15): dev tokens outside Development.
        { "Auth:DevTokens is on in the 'Production' environment", ["--Auth:DevTokens=true", Key] },
        // The old app started and answered 500 on every route, health probes included.
        { "Auth:SigningKey is not set", [] },
        { "Auth:SigningKey is 19 bytes; it must be at least 32", ["--Auth:SigningKey=only-nineteen-bytes"] },
        { "Auth:Oidc:Providers:kakao:Authority is not an absolute http(s) URL", [Key, "--Auth:Oidc:Providers:kakao:Authority=kauth.kakao.com", "--Auth:Oidc:Providers:kakao:ClientId=rest-api-key"] },
        { "Auth:Oidc:Providers:kakao:Authority is plain HTTP", [Key, "--Auth:Oidc:Providers:kakao:Authority=http://kauth.kakao.com", "--Auth:Oidc:Providers:kakao:ClientId=rest-api-key"] },
        { "Auth:Oidc:Providers:kakao:ClientId is not set", [Key, "--Auth:Oidc:Providers:kakao:Authority=https://kauth.kakao.com"] },
        { "Auth:Oidc:Providers:kakao:Scopes must include \"openid\"", [Key, "--Auth:Oidc:Providers:kakao:Authority=https://kauth.kakao.com", "--Auth:Oidc:Providers:kakao:ClientId=rest-api-key", "--Auth:Oidc:Providers:kakao:Scopes:0=profile"] },
        { "Auth:Oidc:Providers:kakao:DisplayName is the sign-in button's label", [Key, "--Auth:Oidc:Providers:kakao:Authority=https://kauth.kakao.com", "--Auth:Oidc:Providers:kakao:ClientId=rest-api-key", $"--Auth:Oidc:Providers:kakao:DisplayName={new string('K', 41)}"] },
        { "Auth:Oidc:Providers:Kakao: a provider name has", [Key, "--Auth:Oidc:Providers:Kakao:Authority=https://kauth.kakao.com", "--Auth:Oidc:Providers:Kakao:ClientId=rest-api-key"] },
        { "Auth:Oidc:RequireHttpsMetadata is off in the 'Production' environment", [Key, "--Auth:Oidc:RequireHttpsMetadata=false"] },
        { "Auth:DashboardSessionLifetime is 00:00:10; it must be 1 minute to 8 hours", [Key, "--Auth:DashboardSessionLifetime=00:00:10"] },
        { "Auth:DashboardSessionLifetime is 1.00:00:00; it must be 1 minute to 8 hours", [Key, "--Auth:DashboardSessionLifetime=1.00:00:00"] },
    };

    [Theory]
    [MemberData(nameof(WrongConfigurations))]
    public async Task TheApiRefusesToStartInProductionWithAWrongAuthSection(string reason, string[] auth)
    {
        await using var api = ServiceProcess.Start("Api", [.. Ports(), "--Urls=http://127.0.0.1:0", .. auth]);

        var exitCode = await api.WaitForExitAsync(Patience);

        var lines = api.Log.Split('\n');
        Assert.True(exitCode != 0, $"exit code 0:\n{api.Log}");
        var refusal = Assert.Single(lines, l => l.Contains("Refusing to start", StringComparison.Ordinal));
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        // One entry, not an unhandled exception's stack trace; and it never listened.
        Assert.Single(lines, l => l.StartsWith("crit: ", StringComparison.Ordinal) || l.StartsWith("fail: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Now listening", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithJsonLogsAsInKubernetesTheRefusalIsOneLine()
    {
        await using var api = ServiceProcess.Start("Api", [.. Ports(), "--Urls=http://127.0.0.1:0", "--Auth:DevTokens=true", Key, "--Logging:Console:FormatterName=json"]);

        Assert.NotEqual(0, await api.WaitForExitAsync(Patience));

        var line = Assert.Single(api.Log.Split('\n'), l => l.Length > 0);
        var entry = JsonSerializer.Deserialize<JsonElement>(line);
        Assert.Equal("Critical", entry.GetProperty("LogLevel").GetString());
        Assert.Contains("Auth:DevTokens is on in the 'Production' environment", entry.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopmentTheApiStillRefusesToRunWithoutAnyKey()
    {
        await using var api = ServiceProcess.Start("Api", [.. Ports(), "--Urls=http://127.0.0.1:0", "--environment=Development", "--Auth:DevTokens=false"]);

        Assert.NotEqual(0, await api.WaitForExitAsync(Patience));
        Assert.Contains("Auth:SigningKey is not set", api.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorrectProductionConfigurationStartsAndIssuesNoDevTokens()
    {
        var url = $"http://127.0.0.1:{Loopback.FreePort()}";
        await using var api = await ServiceProcess.StartAsync("Api", "Now listening on",
            [.. Ports(), $"--Urls={url}", Key, "--Auth:Oidc:Providers:kakao:Authority=https://kauth.kakao.com", "--Auth:Oidc:Providers:kakao:ClientId=rest-api-key"]);
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var devToken = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new { userId = "x", roles = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.NotFound, devToken.StatusCode);
        Assert.DoesNotContain("Refusing", api.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASiloPortAlreadyTakenIsRefusedNamingThePortAndTheSetting()
    {
        // A first instance, as far as the port is concerned: something already listens on the silo port.
        using var first = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        first.Start();
        var taken = ((IPEndPoint)first.LocalEndpoint).Port;
        await using var api = ServiceProcess.Start("Api",
            [.. Ports(), $"--Orleans:SiloPort={taken}", "--Urls=http://127.0.0.1:0", "--environment=Development", Key]);

        Assert.NotEqual(0, await api.WaitForExitAsync(Patience));

        var refusal = Assert.Single(api.Log.Split('\n'), l => l.Contains("Refusing to start", StringComparison.Ordinal));
        Assert.Contains($"Orleans:SiloPort {taken} is already in use", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", api.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void AHostInsideATestProcessRefusesWithTheValidationException()
    {
        // WebApplicationFactory runs Program inside the test process: the refusal reaches it as the exception.
        using var api = new ApiHost("Production", new Dictionary<string, string?> { ["Auth:DevTokens"] = "true", ["Auth:SigningKey"] = ApiHost.SigningKey });

        var refused = Assert.Throws<OptionsValidationException>(() => api.CreateClient());

        Assert.Contains(refused.Failures, f => f.StartsWith("Auth:DevTokens is on in the 'Production' environment", StringComparison.Ordinal));
    }

    private static string[] Ports() =>
    [
        $"--Orleans:SiloPort={Loopback.FreePort()}", $"--Orleans:GatewayPort={Loopback.FreePort()}",
        $"--Orleans:ClusterId=refusal-{Guid.NewGuid():N}", "--Catalog:DemoLooks=500", "--Catalog:ShardCount=4",
    ];
}
