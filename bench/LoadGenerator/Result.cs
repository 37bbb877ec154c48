using System.Runtime.InteropServices;

namespace OtMz.LoadGenerator;

/// <summary>Everything one run measured; printed as a table and, with --out, written as JSON.</summary>
public sealed record Result
{
    public required RunConfig Config { get; init; }

    public required MachineInfo Machine { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Set when the run could not start (server unreachable, dev tokens off, clients not connected).</summary>
    public string? SetupFailure { get; init; }

    public bool HardStopHit { get; init; }

    public int Connected { get; init; }

    public double ConnectSeconds { get; init; }

    /// <summary>Connections the server or the network closed while the run was going.</summary>
    public int ConnectionsClosed { get; init; }

    /// <summary>Wall time from the first to the last signal sent (warm-up and measured).</summary>
    public double SendSeconds { get; init; }

    /// <summary>Wall time of the measured part of sending (from the first measured signal to the last signal).</summary>
    public double MeasuredSeconds { get; init; }

    /// <summary>Signals actually sent per second during the measured part.</summary>
    public double AchievedRate { get; init; }

    /// <summary>How late the scheduler ever was against its timetable, in ms (client CPU starvation shows here).</summary>
    public double MaxSchedulerLagMs { get; init; }

    /// <summary>Seconds waited after the last send until every accepted signal was reflected (or the grace ran out).</summary>
    public double GraceUsedSeconds { get; init; }

    public Counts Warmup { get; init; } = new();

    public Counts Measured { get; init; } = new();

    public Counts Total { get; init; } = new();

    /// <summary>LooksUpdated pushes received, all of the run.</summary>
    public long LooksPushes { get; init; }

    /// <summary>LooksUpdated pushes received during the measured part of sending.</summary>
    public long LooksPushesMeasured { get; init; }

    public double LooksPushesPerSecond { get; init; }

    public long TastePushes { get; init; }

    public long AdsPushes { get; init; }

    /// <summary>Send to the first LooksUpdated whose version is at least the signal's acknowledged version (measured signals).</summary>
    public Percentiles PushLatencyMs { get; init; } = new();

    /// <summary>Send to the SendSignal acknowledgement (measured signals): the hub round trip including the grain.</summary>
    public Percentiles AckLatencyMs { get; init; } = new();

    /// <summary>When the first measured signal was sent (wall clock, UTC); null if sending never got that far.</summary>
    public DateTimeOffset? MeasuredStartedAt { get; init; }

    /// <summary>Push latency over consecutive windows of the measured part, by scheduled send time.</summary>
    public IReadOnlyList<Window> Windows { get; init; } = [];

    /// <summary>Client process CPU during sending and grace, in cores (1.0 = one core busy).</summary>
    public double ClientCpuCores { get; init; }

    /// <summary>With --server-pid: the server process's CPU use; null otherwise.</summary>
    public ServerCpuUse? Server { get; init; }

    /// <summary>The speed probe timed before connecting (<see cref="SpeedProbe"/>).</summary>
    public ProbeResult? Probe { get; init; }

    /// <summary>CPU time stolen by the hypervisor from the first measured signal until the grace ended, in cores; null off Linux.</summary>
    public double? StolenCores { get; init; }

    /// <summary>With --campaigns: each campaign's budget, report and the deliveries the clients saw; null otherwise.</summary>
    public AdsOutcome? Ads { get; init; }

    public IReadOnlyList<string> SampleErrors { get; init; } = [];

    /// <summary>Up to 10 users with a lost signal, with that signal's acknowledged version and the highest push version seen.</summary>
    public IReadOnlyList<string> SampleLost { get; init; } = [];

    public int ExitCode { get; init; }

    public string Verdict { get; init; } = "";
}

public sealed record RunConfig(
    string Url, int Clients, double Rate, double Duration, double Warmup, double Grace, string Transport,
    int ConnectConcurrency, double ConnectTimeout, int TickMs, string Pick, int Seed, int Campaigns = 0, double CampaignBudgetScale = 0);

/// <summary>
/// The server's CPU time (user + system, all threads) from the first measured signal's send until the grace
/// ended, divided by the measured signals it accepted; "net of idle" first subtracts what the server used with
/// every client still connected and nothing sent (sampled for 3 s after the grace), at the same rate.
/// </summary>
public sealed record ServerCpuUse(
    int Pid, double IdleCores, double CpuMs, double WallSeconds, double Cores, long Signals, double CpuMsPerSignal, double CpuMsPerSignalNetOfIdle);

/// <param name="FrameworkPrecompiled">
/// Whether the generator runs the framework's ReadyToRun code as shipped. With tiered compilation off, that code is
/// never recompiled; <c>DOTNET_ReadyToRun=0</c> (set by the project's launch profile) compiles it for this machine.
/// </param>
public sealed record MachineInfo(string MachineName, int ProcessorCount, string Os, string Runtime, string ProcessArchitecture, bool FrameworkPrecompiled)
{
    public static MachineInfo OfThisProcess() => new(Environment.MachineName, Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription, RuntimeInformation.ProcessArchitecture.ToString(), FrameworkCodePrecompiled());

    /// <summary>Whether the runtime uses the framework's precompiled code: only an environment variable turns that off.</summary>
    private static bool FrameworkCodePrecompiled() =>
        (Environment.GetEnvironmentVariable("DOTNET_ReadyToRun") ?? Environment.GetEnvironmentVariable("COMPlus_ReadyToRun")) != "0";
}

public sealed record Counts
{
    public long Sent { get; init; }

    /// <summary>Acknowledged with accepted = 1 (the grain applied it and bumped the version).</summary>
    public long Accepted { get; init; }

    public long Duplicates { get; init; }

    /// <summary>Refused by the hub (HubException): should never happen for the generator's valid signals.</summary>
    public long Rejected { get; init; }

    /// <summary>Refused with 503 because the server was behind on its pushes (the overload gate): expected past the sustainable rate.</summary>
    public long Busy { get; init; }

    /// <summary>Failed on the client side or the connection (not a refusal).</summary>
    public long Failed { get; init; }

    /// <summary>Still waiting for their acknowledgement when the run ended.</summary>
    public long Unacknowledged { get; init; }

    /// <summary>Accepted but never reflected by any LooksUpdated push by the end of the grace period.</summary>
    public long Lost { get; init; }
}

public sealed record Percentiles
{
    public long Count { get; init; }

    public double P50 { get; init; }

    public double P95 { get; init; }

    public double P99 { get; init; }

    public double Max { get; init; }

    public double Mean { get; init; }

    /// <summary>Nearest-rank percentiles of the values, which are sorted in place.</summary>
    public static Percentiles Of(double[] values)
    {
        if (values.Length == 0)
        {
            return new Percentiles();
        }

        Array.Sort(values);
        return new Percentiles
        {
            Count = values.Length,
            P50 = Rank(values, 50),
            P95 = Rank(values, 95),
            P99 = Rank(values, 99),
            Max = values[^1],
            Mean = values.Average(),
        };
    }

    private static double Rank(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

public sealed record Window(double FromSeconds, double ToSeconds, long Signals, double P50, double P99, double Max);
