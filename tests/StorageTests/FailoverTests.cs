using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OtMz.Grains.Demo;
using OtMz.Grains.Interfaces;
using OtMz.Silo;
using OtMz.Silo.Storage;
using OtMz.TestSupport;
using Xunit.Abstractions;

namespace OtMz.StorageTests;

/// <summary>
/// Two silo processes and one Api process on loopback against one PostgreSQL. The silo hosting a user's grain
/// is killed with SIGKILL; the user's next signal must succeed on the survivor with the state intact, and the
/// user's connected device must keep receiving pushes.
/// </summary>
[Collection(PostgresCollection.Name)]
public class FailoverTests(PostgresServer server, ITestOutputHelper output)
{
    private const string SigningKey = "failover-tests-signing-key-long-enough-0123456789";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>A mobile client's back-off between retries of the same signal id.</summary>
    private static readonly TimeSpan ClientBackoff = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task KillingTheSiloThatHostsAUserLosesNeitherStateNorPushes()
    {
        var database = await server.CreateUniqueDatabaseAsync("failover");
        await Db.MigrateAsync(database);
        await new PostgresCatalogStore(database).SeedDemoAsync(500, seed: 42, CancellationToken.None);
        var clusterId = $"failover-{Guid.NewGuid():N}";
        string[] common =
        [
            $"--ConnectionStrings:Postgres={database}", $"--Orleans:ClusterId={clusterId}", "--Catalog:ShardCount=4",
            // Tight failure detection so the test measures failover, not the default patience.
            "--Orleans:Membership:ProbeTimeout=00:00:01", "--Orleans:Membership:NumMissedProbesLimit=2",
            "--Orleans:Membership:NumVotesForDeathDeclaration=1",
        ];
        var silos = new Dictionary<int, ServiceProcess>();
        await using var cleanup = new Processes();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var siloPort = Loopback.FreePort();
            var silo = await ServiceProcess.StartAsync("Silo", "Catalog ready",
                [.. common, $"--Orleans:SiloPort={siloPort}", $"--Orleans:GatewayPort={Loopback.FreePort()}", "--Urls=http://127.0.0.1:0"]);
            cleanup.Add(silo);
            silos[siloPort] = silo;
        }

        var apiUrl = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
        // Dev tokens are honoured in Development only; "--environment" outranks ServiceProcess's ASPNETCORE_ENVIRONMENT.
        cleanup.Add(await ServiceProcess.StartAsync("Api", "Now listening on",
            [.. common, "--Orleans:Mode=client", $"--Urls={apiUrl}", "--environment=Development", "--Auth:DevTokens=true", $"--Auth:SigningKey={SigningKey}"]));

        using var http = new HttpClient { BaseAddress = apiUrl };
        var user = $"user-{Guid.NewGuid():N}";
        var token = await Loopback.TokenFor(http, user);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using var device = await HubClient.ConnectAsync(apiUrl, token);

        var before = await SendAsync(http, new { id = "before-1", type = "like", lookId = DemoCatalog.IdOf(3) });
        await device.WaitFor("LooksUpdated", before.Version);
        var tasteBefore = await http.GetFromJsonAsync<TasteSnapshot>("/api/v1/users/me/taste");

        // Which silo holds the user's grain? Ask the cluster, as an operator's tool would.
        using var probe = await ClusterClientAsync(database, clusterId);
        var cluster = probe.Services.GetRequiredService<IClusterClient>();
        var host = await cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(cluster.GetGrain<IUserGrain>(user));
        Assert.NotNull(host);
        var victim = silos[host.Endpoint.Port];

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        var after = await SendUntilAcceptedAsync(http, new { id = "after-1", type = "colour", colour = "navy" });
        var recovered = clock.Elapsed;
        await device.WaitFor("LooksUpdated", after.Version);
        var pushed = clock.Elapsed;
        output.WriteLine($"signal accepted {recovered.TotalMilliseconds:F0} ms after SIGKILL; push received at {pushed.TotalMilliseconds:F0} ms");

        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(1, after.Accepted);
        var summary = await http.GetFromJsonAsync<UserSummary>("/api/v1/users/me");
        Assert.Equal(2, summary!.SignalsApplied);
        var tasteAfter = await http.GetFromJsonAsync<TasteSnapshot>("/api/v1/users/me/taste");
        Assert.Equal(tasteBefore!.Vector.ToArray(), tasteAfter!.Vector.ToArray());
        Assert.Equal(Colour.Navy, tasteAfter.Colours[0].Colour);
        var moved = await cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(cluster.GetGrain<IUserGrain>(user));
        Assert.NotEqual(host, moved);
    }

    private static async Task<SignalAck> SendAsync(HttpClient http, object signal)
    {
        var response = await http.PostAsJsonAsync("/api/v1/users/me/signals", signal);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SignalAck>())!;
    }

    /// <summary>
    /// What a client does while a silo fails over: it retries the same signal id, with a short back-off, until
    /// it is accepted (the id makes the retries safe). The loop is bounded in time.
    /// </summary>
    private async Task<SignalAck> SendUntilAcceptedAsync(HttpClient http, object signal)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                var response = await http.PostAsJsonAsync("/api/v1/users/me/signals", signal, attempt.Token);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return (await response.Content.ReadFromJsonAsync<SignalAck>())!;
                }

                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"a failover answered {(int)response.StatusCode}, not 503");
                output.WriteLine($"503 after {deadline.ElapsedMilliseconds} ms");
            }
            catch (TaskCanceledException)
            {
                output.WriteLine($"attempt timed out after {deadline.ElapsedMilliseconds} ms");
            }

            Assert.True(deadline.Elapsed < Bound, $"no success within {Bound}");
            await Task.Delay(ClientBackoff);
        }
    }

    private static async Task<IHost> ClusterClientAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterStorage.Invariant;
                o.ConnectionString = connectionString;
            })
            .Configure<ClusterOptions>(o =>
            {
                o.ServiceId = "otmz";
                o.ClusterId = clusterId;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed class Processes : IAsyncDisposable
    {
        private readonly List<ServiceProcess> _all = [];

        public void Add(ServiceProcess process) => _all.Add(process);

        public async ValueTask DisposeAsync()
        {
            foreach (var process in Enumerable.Reverse(_all))
            {
                await process.DisposeAsync();
            }
        }
    }
}
