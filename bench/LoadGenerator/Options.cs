using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;

namespace OtMz.LoadGenerator;

/// <summary>The command line. Every option has a default; "--name value" and "--name=value" both work.</summary>
public sealed record Options
{
    public const string Usage = """
        OtMz load generator: N real SignalR clients of /hubs/style sending signals at a steady aggregate rate and
        timing each signal until the first LooksUpdated push that reflects it.

        Options (defaults in brackets):
          --url URL                 the Api, loopback only [http://127.0.0.1:5080]
          --clients N               users load-000001 ... and one hub connection each [1000]
          --rate M                  signals per second, all users together [1000]
          --duration S              seconds of measured sending [30]
          --warmup S                seconds of sending before measuring (excluded from latency) [5]
          --grace S                 seconds to wait for the last pushes after sending stops [10]
          --transport T             websockets | serversentevents | longpolling [websockets]
          --connect-concurrency C   connections (and token requests) opened at a time [50]
          --connect-timeout S       seconds allowed for tokens, look ids and every connection [120]
          --tick MS                 scheduler tick, 1 to 10 ms [2]
          --slice S                 seconds per slice of the latency-over-time lines [5, or a tenth of the
                                    duration if that is longer]
          --pick P                  roundrobin | random (seeded) user for each signal [roundrobin]
          --seed N                  seed for users (random pick), signal types and looks [42]
          --server-pid PID          also report the CPU time of that local process (the server) per accepted
                                    signal of the measured part, and its idle use (3 s after the grace, every
                                    client still connected)
          --campaigns N             the ads scenario: create N ad campaigns (load-ad-01-RUN ...) before connecting,
                                    count the deliveries the clients see, and compare them with each campaign's
                                    report and budget after the grace; 0 is off [0, at most 100]
          --campaign-budget-scale X campaign i of N gets a total budget of max(1, round(X * clients * i / N))
                                    impressions [0.5]
          --out FILE                also write the result as JSON
          --help                    this text

        Exit codes: 0 ok; 1 accepted signals were lost (never reflected by a LooksUpdated push);
        2 the server was unreachable, not every client could connect, or (--campaigns) the campaigns could not be
        created; 3 signals were rejected, failed or never acknowledged; 4 the hard time limit (connect timeout + warm-up + duration + grace, plus the ads settle
        time with --campaigns) was hit; 5 (outranks the others) a campaign's impressions or the deliveries the
        clients saw exceeded its budget; 6 a campaign's report could not be read.
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:5080");

    public int Clients { get; init; } = 1000;

    public double Rate { get; init; } = 1000;

    public double Duration { get; init; } = 30;

    public double Warmup { get; init; } = 5;

    public double Grace { get; init; } = 10;

    public HttpTransportType Transport { get; init; } = HttpTransportType.WebSockets;

    public int ConnectConcurrency { get; init; } = 50;

    public double ConnectTimeout { get; init; } = 120;

    public int TickMs { get; init; } = 2;

    /// <summary>The width of the latency-over-time slices in seconds, or null for the default.</summary>
    public double? SliceSeconds { get; init; }

    public double SliceWidth => SliceSeconds ?? Math.Max(5, Math.Ceiling(Duration / 10));

    public bool RandomPick { get; init; }

    public int Seed { get; init; } = 42;

    public string? Out { get; init; }

    /// <summary>How many ad campaigns the ads scenario creates; 0 runs without it.</summary>
    public int Campaigns { get; init; }

    /// <summary>Campaign i of <see cref="Campaigns"/> gets this share of the clients times i / N as its total budget.</summary>
    public double CampaignBudgetScale { get; init; } = 0.5;

    /// <summary>
    /// With campaigns, the longest wait after the grace for the last ad deliveries to be confirmed by the ledgers
    /// and seen by the clients (a campaign that ran out in the last moment re-ranks every connected user).
    /// </summary>
    public double AdsSettleSeconds => Campaigns > 0 ? 5 : 0;

    /// <summary>The server process to read CPU time from (same machine), or null.</summary>
    public int? ServerPid { get; init; }

    public bool Help { get; init; }

    public string TransportName => Transport switch
    {
        HttpTransportType.WebSockets => "websockets",
        HttpTransportType.ServerSentEvents => "serversentevents",
        HttpTransportType.LongPolling => "longpolling",
        _ => Transport.ToString(),
    };

    /// <summary>The hard stop: nothing runs past this, whatever the server does.</summary>
    public TimeSpan HardLimit => TimeSpan.FromSeconds(ConnectTimeout + Warmup + Duration + Grace + AdsSettleSeconds);

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                options = options with { Help = true };
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionsException($"Unexpected argument '{arg}'.");
            }

            string name;
            string value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[2..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg[2..];
                if (i + 1 >= args.Count)
                {
                    throw new OptionsException($"--{name} needs a value.");
                }

                value = args[++i];
            }

            options = name switch
            {
                "url" => options with { Url = ParseUrl(value) },
                "clients" => options with { Clients = ParseInt(name, value, 1, 100_000) },
                "rate" => options with { Rate = ParseDouble(name, value, 0.001, 1_000_000) },
                "duration" => options with { Duration = ParseDouble(name, value, 0.001, 86_400) },
                "warmup" => options with { Warmup = ParseDouble(name, value, 0, 86_400) },
                "grace" => options with { Grace = ParseDouble(name, value, 0, 3_600) },
                "transport" => options with { Transport = ParseTransport(value) },
                "connect-concurrency" => options with { ConnectConcurrency = ParseInt(name, value, 1, 10_000) },
                "connect-timeout" => options with { ConnectTimeout = ParseDouble(name, value, 1, 3_600) },
                "tick" => options with { TickMs = ParseInt(name, value, 1, 10) },
                "slice" => options with { SliceSeconds = ParseDouble(name, value, 0.1, 86_400) },
                "pick" => options with { RandomPick = ParsePick(value) },
                "seed" => options with { Seed = ParseInt(name, value, int.MinValue, int.MaxValue) },
                "server-pid" => options with { ServerPid = ParseInt(name, value, 1, int.MaxValue) },
                "campaigns" => options with { Campaigns = ParseInt(name, value, 0, CampaignPlan.MaxCampaigns) },
                "campaign-budget-scale" => options with { CampaignBudgetScale = ParseDouble(name, value, 0.001, 1_000) },
                "out" => options with { Out = value.Length > 0 ? value : throw new OptionsException("--out needs a file name.") },
                _ => throw new OptionsException($"Unknown option --{name}."),
            };
        }

        return options;
    }

    /// <summary>Only ever loopback: this tool opens thousands of connections and must never aim them elsewhere.</summary>
    public static Uri ParseUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new OptionsException($"--url '{value}' is not an absolute http(s) URL.");
        }

        if (!IsAllowedHost(uri))
        {
            throw new OptionsException($"--url host '{uri.Host}' refused: only 127.0.0.1, localhost and ::1 are allowed.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    public static bool IsAllowedHost(Uri uri)
    {
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.DnsSafeHost, out var address)
            && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback));
    }

    private static HttpTransportType ParseTransport(string value) => value.ToLowerInvariant() switch
    {
        "websockets" or "websocket" or "ws" => HttpTransportType.WebSockets,
        "serversentevents" or "sse" => HttpTransportType.ServerSentEvents,
        "longpolling" => HttpTransportType.LongPolling,
        _ => throw new OptionsException($"--transport is websockets, serversentevents or longpolling, not '{value}'."),
    };

    private static bool ParsePick(string value) => value.ToLowerInvariant() switch
    {
        "roundrobin" or "round-robin" => false,
        "random" => true,
        _ => throw new OptionsException($"--pick is roundrobin or random, not '{value}'."),
    };

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new OptionsException($"--{name} is a whole number from {min} to {max}, not '{value}'.");

    private static double ParseDouble(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x >= min && x <= max
            ? x
            : throw new OptionsException($"--{name} is a number from {min} to {max}, not '{value}'.");
}

public sealed class OptionsException(string message) : Exception(message);
