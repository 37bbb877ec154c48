using System.Diagnostics;

namespace OtMz.LoadGenerator;

/// <summary>
/// One run, start to finish: the speed probe, set-up (<see cref="ClientConnections"/>), the paced sending
/// (<see cref="SignalSender"/> into a <see cref="SignalLog"/>), a grace period for the last pushes, then the
/// analysis (<see cref="RunAnalysis"/>) and the CPU figures (<see cref="ProcessCpu"/>, <see cref="StolenTime"/>).
/// In the ads scenario it creates the campaigns before set-up and, after everything else, settles and tabulates
/// them (<see cref="CampaignAdmin"/>, <see cref="AdsAnalysis"/>).
/// It owns the clock readings that bracket the measured part; every other job is one of those parts.
/// </summary>
public sealed class Runner : IAsyncDisposable
{
    private readonly Options _options;
    private readonly TextWriter _log;
    private readonly ErrorSamples _errors = new();
    private readonly ProcessCpu _cpu;
    private readonly ClientConnections _connections;
    private SignalLog? _signals;

    /// <summary>The ads scenario's campaigns (<c>--campaigns</c>), or null.</summary>
    private readonly CampaignAdmin? _ads;

    // When the first measured signal went out: as a Stopwatch timestamp, on the wall clock (to line the latency slices
    // up with traces of the server), and the server's CPU time (--server-pid) and the hypervisor's stolen time then.
    private long _wallAtMeasureStart;
    private DateTimeOffset? _measuredStartedAt;
    private TimeSpan? _serverCpuAtMeasureStart;
    private TimeSpan? _stolenAtMeasureStart;

    public Runner(Options options, TextWriter log)
    {
        _options = options;
        _log = log;
        _cpu = new ProcessCpu(options.ServerPid);
        _connections = new ClientConnections(options, _errors);
        if (options.Campaigns > 0)
        {
            var runId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            _ads = new CampaignAdmin(options, CampaignPlan.Of(options.Campaigns, options.Clients, options.CampaignBudgetScale, runId), _errors);
        }
    }

    public async Task<Result> RunAsync(CancellationToken hardStop)
    {
        var baseResult = new Result
        {
            Config = new RunConfig(_options.Url.ToString(), _options.Clients, _options.Rate, _options.Duration, _options.Warmup, _options.Grace,
                _options.TransportName, _options.ConnectConcurrency, _options.ConnectTimeout, _options.TickMs,
                _options.RandomPick ? "random" : "roundrobin", _options.Seed, _options.Campaigns, _options.Campaigns > 0 ? _options.CampaignBudgetScale : 0),
            Machine = MachineInfo.OfThisProcess(),
            StartedAt = DateTimeOffset.UtcNow,
        };

        // Before this run's clients connect; a previous run's may still be closing on the server, which shows in it.
        baseResult = baseResult with { Probe = SpeedProbe.Run() };

        // Set-up: everything before the first signal must fit in the connect timeout.
        var connectWatch = Stopwatch.StartNew();
        using (var setup = CancellationTokenSource.CreateLinkedTokenSource(hardStop))
        {
            setup.CancelAfter(TimeSpan.FromSeconds(_options.ConnectTimeout));
            var failure = _ads is { } admin ? await admin.CreateAsync(setup.Token) : null;
            failure ??= await _connections.SetUpAsync(setup.Token);
            if (failure is not null)
            {
                return baseResult with
                {
                    SetupFailure = failure,
                    HardStopHit = hardStop.IsCancellationRequested,
                    Connected = _connections.Connected,
                    ConnectSeconds = connectWatch.Elapsed.TotalSeconds,
                    SampleErrors = _errors.First(),
                    ExitCode = 2,
                    Verdict = "FAILED: " + failure,
                };
            }
        }

        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        var clients = _connections.Clients;
        if (_options.ServerPid is { } pid && _cpu.Server() is null)
        {
            return baseResult with
            {
                SetupFailure = $"cannot read the CPU time of process {pid}",
                Connected = clients.Length,
                ConnectSeconds = connectSeconds,
                ExitCode = 2,
                Verdict = $"FAILED: cannot read the CPU time of process {pid}",
            };
        }

        _log.WriteLine($"connected {clients.Length} clients in {connectSeconds:F1} s; sending {_options.Rate} signals/s for {_options.Warmup} s warm-up + {_options.Duration} s measured");

        var signals = _signals = new SignalLog((long)Math.Round((_options.Warmup + _options.Duration) * _options.Rate), (long)Math.Round(_options.Warmup * _options.Rate));
        var cpuBefore = ProcessCpu.Own();
        var cpuWatch = Stopwatch.StartNew();
        var sender = new SignalSender(_options, clients, _connections.LookIds, signals, _errors);
        var (sendStart, sendEnd, maxLagMs) = await sender.SendAllAsync(MeasureStarting, hardStop);
        _log.WriteLine($"sending done ({signals.CountSent()} signals); waiting up to {_options.Grace} s for the last pushes");

        var graceUsed = await GraceAsync(signals, clients, hardStop);
        var cpuCores = (ProcessCpu.Own() - cpuBefore).TotalSeconds / cpuWatch.Elapsed.TotalSeconds;
        var serverCpuAtEnd = _cpu.Server();
        var measuredWall = Stopwatch.GetElapsedTime(_wallAtMeasureStart).TotalSeconds;
        var stolenAtEnd = StolenTime.Read();
        signals.Freeze();

        var hardStopHit = hardStop.IsCancellationRequested;
        var result = RunAnalysis.Analyse(baseResult, _options, signals, [.. clients.Select(c => new UserPushes(c.UserId, c.SnapshotLooks()))],
            sendStart, sendEnd, hardStopHit) with
        {
            Connected = _connections.Opened,
            ConnectSeconds = connectSeconds,
            ConnectionsClosed = _connections.Closed,
            MaxSchedulerLagMs = maxLagMs,
            GraceUsedSeconds = graceUsed,
            TastePushes = clients.Sum(c => (long)c.TastePushes),
            AdsPushes = clients.Sum(c => (long)c.AdsPushes),
            MeasuredStartedAt = _measuredStartedAt,
            ClientCpuCores = cpuCores,
            SampleErrors = _errors.First(),
        };

        if (_stolenAtMeasureStart is { } stolenFrom && stolenAtEnd is { } stolenTo && !hardStopHit)
        {
            result = result with { StolenCores = (stolenTo - stolenFrom).TotalSeconds / measuredWall };
        }

        if (_options.ServerPid is { } serverPid && _serverCpuAtMeasureStart is { } from && serverCpuAtEnd is { } to && !hardStop.IsCancellationRequested)
        {
            var idle = await _cpu.IdleCoresAsync(to, hardStop);
            result = result with { Server = ProcessCpu.Use(serverPid, idle, from, to, measuredWall, result.Measured.Accepted) };
        }

        if (_ads is { } ads)
        {
            var outcome = await SettleAdsAsync(ads, clients);
            var (exitCode, verdict) = AdsAnalysis.Combine(result.ExitCode, result.Verdict, outcome);
            result = result with { Ads = outcome, ExitCode = exitCode, Verdict = verdict, SampleErrors = _errors.First() };
        }

        return result;
    }

    /// <summary>
    /// Reads the campaigns' reports until every one is in, nothing is pending and the clients saw exactly the confirmed
    /// impressions, or <see cref="Options.AdsSettleSeconds"/> pass: a campaign that ran out at the last moment is still
    /// re-ranking the connected users when the grace ends. Then deletes the campaigns.
    /// </summary>
    private async Task<AdsOutcome> SettleAdsAsync(CampaignAdmin ads, LoadClient[] clients)
    {
        var plan = ads.Plan;
        var ids = plan.Campaigns.Select(c => c.Id).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.AdsSettleSeconds + 15));
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var reports = await ads.ReportsAsync(timeout.Token);
            var observed = AdsAnalysis.Observed(clients.Select(c => c.SnapshotSlates()), ids);
            if (AdsAnalysis.Settled(plan, reports, observed) || watch.Elapsed.TotalSeconds >= _options.AdsSettleSeconds || timeout.IsCancellationRequested)
            {
                var outcome = AdsAnalysis.Table(plan, reports, observed, watch.Elapsed.TotalSeconds);
                return outcome with { Deleted = await ads.DeleteAsync(timeout.Token) };
            }

            await Task.Delay(200);
        }
    }

    private void MeasureStarting()
    {
        _measuredStartedAt = DateTimeOffset.UtcNow;
        _serverCpuAtMeasureStart = _cpu.Server();
        _wallAtMeasureStart = Stopwatch.GetTimestamp();
        _stolenAtMeasureStart = StolenTime.Read();
    }

    /// <summary>Waits until every accepted signal is reflected and every ack is in, or the grace runs out; returns the seconds used.</summary>
    private async Task<double> GraceAsync(SignalLog signals, LoadClient[] clients, CancellationToken hardStop)
    {
        var graceWatch = Stopwatch.StartNew();
        try
        {
            while (graceWatch.Elapsed.TotalSeconds < _options.Grace && !(signals.Outstanding == 0 && clients.All(c => c.Settled)))
            {
                await Task.Delay(20, hardStop);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return graceWatch.Elapsed.TotalSeconds;
    }

    /// <summary>Stops recording answers, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _signals?.Freeze();
        await _connections.DisposeAsync();
        if (_ads is { } ads)
        {
            // Campaigns a run that stopped early created and never got to delete.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await ads.DeleteAsync(timeout.Token);
            ads.Dispose();
        }
    }
}
