using System.Globalization;
using OtMz.LoadGenerator;
using Xunit.Abstractions;

namespace OtMz.RealtimeTests;

/// <summary>
/// The load generator (bench/LoadGenerator) against the real server on loopback, as docs/performance.md runs it,
/// scaled down: a plain run, and the ads scenario with budgets small enough to run out.
/// </summary>
public class LoadGeneratorTests(LiveApiFactory api, ITestOutputHelper output) : IClassFixture<LiveApiFactory>
{
    [Fact]
    public async Task ASmallRunAgainstTheRealServerReflectsEverySignalAndReportsTheMachine()
    {
        var options = Options.Parse(
        [
            "--url", api.BaseAddress.ToString(), "--clients", "20", "--rate", "40", "--warmup", "1", "--duration", "2",
            "--grace", "20", "--server-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        ]);
        using var hardStop = new CancellationTokenSource(options.HardLimit);
        var log = new StringWriter();
        Result result;
        await using (var runner = new Runner(options, log))
        {
            result = await runner.RunAsync(hardStop.Token);
        }

        Assert.True(result.ExitCode == 0, result.Verdict + "\n" + log);
        Assert.Equal(20, result.Connected);
        Assert.Equal(40, result.Warmup.Accepted);
        Assert.Equal(80, result.Measured.Accepted);
        Assert.Equal(0, result.Total.Lost);
        Assert.Equal(80, result.PushLatencyMs.Count);
        Assert.InRange(result.PushLatencyMs.P50, 0.001, result.PushLatencyMs.Max);
        Assert.True(result.LooksPushes >= 20, $"{result.LooksPushes} LooksUpdated pushes for 20 users' signals");

        var probe = Assert.IsType<ProbeResult>(result.Probe);
        Assert.InRange(probe.MedianMs, probe.MinMs, probe.MaxMs);
        Assert.True(probe.MinMs > 0);

        var server = Assert.IsType<ServerCpuUse>(result.Server);
        Assert.Equal(Environment.ProcessId, server.Pid);
        Assert.Equal(80, server.Signals);
        Assert.True(server.CpuMs > 0);
        Assert.InRange(result.StolenCores!.Value, 0, Environment.ProcessorCount);

        var report = new StringWriter();
        Report.Print(result, report);
        Assert.Contains("speed probe: sorting 1,000,000 seeded ints took ", report.ToString());
        Assert.Contains("stolen by the hypervisor, measured part to end of grace: ", report.ToString());
        Assert.Contains("OK: every accepted signal was reflected", report.ToString());
    }

    [Fact]
    public async Task AnAdsRunSpendsEverySmallBudgetExactlyAndTheClientsSeeEveryImpression()
    {
        // Budgets of 3, 7 and 10 impressions (0.5 x 20 clients x i / 3) against 20 users whose slates hold five ads.
        var options = Options.Parse(
        [
            "--url", api.BaseAddress.ToString(), "--clients", "20", "--rate", "40", "--warmup", "1", "--duration", "2",
            "--grace", "20", "--campaigns", "3", "--campaign-budget-scale", "0.5",
        ]);
        using var hardStop = new CancellationTokenSource(options.HardLimit);
        var log = new StringWriter();
        Result result;
        await using (var runner = new Runner(options, log))
        {
            result = await runner.RunAsync(hardStop.Token);
        }

        var report = new StringWriter();
        Report.Print(result, report);
        output.WriteLine(report.ToString());
        Assert.True(result.ExitCode == 0, result.Verdict + "\n" + log + report);

        // The signals are timed as in a run without ads: every one reflected by a LooksUpdated push.
        Assert.Equal(80, result.Measured.Accepted);
        Assert.Equal(0, result.Total.Lost);
        Assert.Equal(80, result.PushLatencyMs.Count);

        var ads = Assert.IsType<AdsOutcome>(result.Ads);
        Assert.Equal([3L, 7, 10], ads.Rows.Select(r => r.Budget));
        Assert.All(ads.Rows, row =>
        {
            // Demand (20 users, each with room for all three) is three times the budgets: each runs out at exactly its budget, and
            // with every client connected throughout, the clients saw every impression the ledger confirmed.
            Assert.Equal("budget-spent", row.Pacing);
            Assert.Equal(row.Budget, row.Impressions);
            Assert.Equal(0, row.Pending);
            Assert.Equal(0, row.Remaining);
            Assert.Equal(row.Impressions, row.Observed);
        });
        Assert.Equal((20L, 20L, 20L, 3), (ads.Budget, ads.Impressions, ads.Observed, ads.RanOut));
        Assert.Empty(ads.Mismatched);
        Assert.Equal("overspent: none", ads.Verdict);
        Assert.Equal(3, ads.Deleted);
        Assert.Equal(0, result.ConnectionsClosed);
        Assert.Contains("overspent: none", report.ToString());
        Assert.Contains("clients saw exactly the confirmed impressions of every campaign, nothing pending", report.ToString());
    }

    [Fact]
    public void TheStolenTimeIsTheStealFieldOfProcStatsAggregateLine()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 1/100 s
        Assert.Equal(TimeSpan.FromSeconds(2.8), StolenTime.Parse("cpu  18113 7 3922 88092 386 1 336 280 5 0"));
        Assert.Equal(TimeSpan.Zero, StolenTime.Parse("cpu  18113 7 3922 88092 386 1 336 0"));
        Assert.Null(StolenTime.Parse("cpu0 18113 7 3922 88092 386 1 336 280 5 0"));
        Assert.Null(StolenTime.Parse("cpu  18113 7 3922"));
        Assert.Null(StolenTime.Parse("cpu  18113 7 3922 88092 386 1 336 -28"));
        Assert.Null(StolenTime.Parse(null));
    }
}
