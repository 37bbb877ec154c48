namespace OtMz.AuthTests;

/// <summary>
/// What a person sees when the real Api process starts with the embedded defaults (a co-hosted silo and the full
/// demo catalog): that the demo catalog is being generated and how long it took, where the REST API, its docs and
/// the hub listen, and no Orleans warning about a possible deadlock.
/// </summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task A_normal_start_says_what_it_is_doing_and_where_it_listens_without_a_deadlock_warning()
    {
        await using var api = await ServiceProcess.StartAsync("Api", "OtMz Api ready",
            $"--Orleans:SiloPort={Loopback.FreePort()}", $"--Orleans:GatewayPort={Loopback.FreePort()}",
            $"--Orleans:ClusterId=startup-{Guid.NewGuid():N}", "--Urls=http://127.0.0.1:0", "--Auth:SigningKey=" + ApiHost.SigningKey);

        var log = api.Log;
        var generating = log.IndexOf("Generating the demo catalog: 20000 looks", StringComparison.Ordinal);
        var generated = log.IndexOf("Demo catalog generated: 20000 looks in ", StringComparison.Ordinal);
        Assert.True(generating >= 0 && generated > generating, $"No catalog generation lines:\n{log}");

        var ready = Assert.Single(log.Split('\n'), l => l.Contains("OtMz Api ready", StringComparison.Ordinal));
        Assert.Matches(@"REST http://127\.0\.0\.1:\d+/api/v1, API docs http://127\.0\.0\.1:\d+/docs, hub http://127\.0\.0\.1:\d+/hubs/style", ready);
        // Orleans words its component-check stall as "lock contention or deadlock, CPU starvation". A stall of the
        // component thread alone would point at our start-up; one that comes with the runtime's own stall report is the
        // machine starving the whole process (other test projects building images beside this one), not a deadlock.
        var suspect = log.Split('\n').Where(l => l.Contains("deadlock", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(suspect.Count == 0 || (suspect.All(l => l.Contains("Participant check thread has not completed", StringComparison.Ordinal))
            && log.Contains(".NET Runtime Platform stalled", StringComparison.Ordinal)), $"A deadlock warning on a normal start:\n{log}");
    }
}
