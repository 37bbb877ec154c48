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
        var sinceLaunch = System.Diagnostics.Stopwatch.StartNew();
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
        // A reported stall longer than the process has lived is not a stall at all: Orleans 10's platform watchdog can
        // tick before the component thread's first check has stamped its timestamp, and then measures from zero, that
        // is, from the machine's boot (CI saw "02:31:53" four seconds into the run).
        var lifetime = sinceLaunch.Elapsed;
        var suspect = log.Split('\n').Where(l => l.Contains("deadlock", StringComparison.OrdinalIgnoreCase))
            .Where(l => !(ReportedStall(l) is { } stall && stall > lifetime)).ToList();
        Assert.True(suspect.Count == 0 || (suspect.All(l => l.Contains("Participant check thread has not completed", StringComparison.Ordinal))
            && log.Contains(".NET Runtime Platform stalled", StringComparison.Ordinal)), $"A deadlock warning on a normal start:\n{log}");
    }

    [Theory]
    [InlineData("Participant check thread has not completed for 02:31:53.1502476, potentially indicating lock contention or deadlock", 9113.1502476)]
    [InlineData("Participant check thread has not completed for 00:00:03.5000000, potentially indicating lock contention or deadlock", 3.5)]
    [InlineData("Participant check thread has not completed for 1.02:00:00, potentially indicating lock contention or deadlock", 93600)]
    public void The_stall_duration_is_read_from_the_Orleans_warning(string line, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ReportedStall(line));

    [Fact]
    public void A_line_without_a_duration_reports_no_stall() =>
        Assert.Null(ReportedStall("Something about a deadlock"));

    private static TimeSpan? ReportedStall(string line)
    {
        var match = System.Text.RegularExpressions.Regex.Match(line, @"has not completed for (?<d>[0-9.:]+),");
        return match.Success && TimeSpan.TryParse(match.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}
