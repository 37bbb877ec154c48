using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OtMz.Api.Contracts;

namespace OtMz.RealtimeTests;

/// <summary>
/// One silo process and two Api processes that are Orleans clients of it, all on loopback: the push path
/// must reach a user's devices on whichever Api node each is connected to.
/// </summary>
public sealed class ProcessCluster : IAsyncLifetime
{
    private const string SigningKey = "process-tests-signing-key-long-enough-0123456789";
    private readonly List<ServiceProcess> _processes = [];

    public Uri FirstApi { get; private set; } = null!;

    public Uri SecondApi { get; private set; } = null!;

    /// <summary>The silo's own HTTP endpoint (health probes and metrics).</summary>
    public Uri Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var gateway = Loopback.FreePort();
        var cluster = $"process-tests-{Guid.NewGuid():N}";
        string[] common = [$"--Orleans:ClusterId={cluster}", "--Catalog:ShardCount=8"];
        var silo = await ServiceProcess.StartAsync("Silo", "Catalog ready",
            [.. common, $"--Orleans:SiloPort={Loopback.FreePort()}", $"--Orleans:GatewayPort={gateway}", "--Catalog:DemoLooks=2000", "--Urls=http://127.0.0.1:0"]);
        _processes.Add(silo);
        var listening = await silo.WaitForLineAsync("Now listening on: ", TimeSpan.FromSeconds(30));
        Silo = new Uri(listening[(listening.IndexOf("http", StringComparison.Ordinal))..].Trim());
        var apis = await Task.WhenAll(new[] { Loopback.FreePort(), Loopback.FreePort() }.Select(port =>
            StartApi(port, [.. common, "--Orleans:Mode=client", $"--Orleans:Gateways={gateway}"])));
        (FirstApi, SecondApi) = (apis[0], apis[1]);
    }

    private async Task<Uri> StartApi(int port, string[] args)
    {
        var url = $"http://127.0.0.1:{port}";
        // Dev tokens are honoured in Development only; "--environment" outranks ServiceProcess's ASPNETCORE_ENVIRONMENT.
        var process = await ServiceProcess.StartAsync("Api", "Now listening on",
            [.. args, $"--Urls={url}", "--environment=Development", "--Auth:DevTokens=true", $"--Auth:SigningKey={SigningKey}"]);
        lock (_processes)
        {
            _processes.Add(process);
        }

        return new Uri(url);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }
}

public class ProcessClusterTests(ProcessCluster cluster) : IClassFixture<ProcessCluster>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/startup")]
    public async Task TheSiloAndBothApiNodesAnswerTheirProbes(string path)
    {
        foreach (var node in new[] { cluster.Silo, cluster.FirstApi, cluster.SecondApi })
        {
            using var http = new HttpClient { BaseAddress = node };
            var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{node}{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task AnApiNodeInClientModeServesTheOrleansDashboardFromTheSilosDashboardGrains()
    {
        using var http = new HttpClient { BaseAddress = cluster.FirstApi };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Loopback.TokenFor(http, "ops-admin", "admin"));
        var page = await http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync());

        // The counters come from the dashboard grain, which only a silo hosts: an answer means the silo process has the
        // dashboard too (without it the call fails).
        var counters = await http.GetAsync("/dashboard/DashboardCounters");
        var text = await counters.Content.ReadAsStringAsync();
        Assert.True(counters.StatusCode == HttpStatusCode.OK, $"{(int)counters.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("hosts").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("totalActiveHostCount").ValueKind);
    }

    [Fact]
    public async Task BothApiNodesPushTheSameVersionToTheSameUser()
    {
        var user = $"user-{Guid.NewGuid():N}";
        using var first = new HttpClient { BaseAddress = cluster.FirstApi };
        var token = await Loopback.TokenFor(first, user);
        first.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using var onFirst = await HubClient.ConnectAsync(cluster.FirstApi, token);
        await using var onSecond = await HubClient.ConnectAsync(cluster.SecondApi, token);
        var look = (await first.GetFromJsonAsync<JsonElement>("/api/v1/looks?limit=1")).GetProperty("items")[0].GetProperty("id").GetString();

        var response = await first.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "through-first", type = "like", lookId = look });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ack = (await response.Content.ReadFromJsonAsync<SignalAck>())!;

        Assert.Equal(ack.Version, await onFirst.WaitFor("LooksUpdated", ack.Version));
        Assert.Equal(ack.Version, await onSecond.WaitFor("LooksUpdated", ack.Version));
        Assert.Equal(onFirst.LastLooks!.Items.Select(i => i.Look.Id), onSecond.LastLooks!.Items.Select(i => i.Look.Id));

        // And the other way round, through the second node's hub.
        var viaHub = await onSecond.SendSignal(new SignalInput("through-second", SignalType.Colour, null, null, null, Colour.Khaki, null, null));
        Assert.Equal(viaHub.Version, await onFirst.WaitFor("TasteUpdated", viaHub.Version));
        Assert.Equal(viaHub.Version, await onSecond.WaitFor("LooksUpdated", viaHub.Version));
    }
}
