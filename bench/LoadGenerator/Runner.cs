using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OtMz.LoadGenerator;

/// <summary>
/// One run: tokens, connections, a paced send schedule, a grace period for the last pushes, then the analysis.
/// Every signal's send time and acknowledged version are kept in flat arrays indexed by its sequence number;
/// every LooksUpdated push is kept per user with its arrival time. A signal's latency is the arrival of the
/// first push on its user's connection whose version is at least the signal's acknowledged version.
/// </summary>
public sealed class Runner(Options options, TextWriter log) : IAsyncDisposable
{
    private static readonly string[] Colours =
    [
        "black", "white", "gray", "red", "pink", "orange", "beige", "brown", "yellow", "green", "khaki",
        "mint", "blue", "navy", "skyblue", "purple", "lavender", "wine", "neon", "gold", "silver",
    ];

    private readonly Client[] _clients = Enumerable.Range(0, options.Clients)
        .Select(i => new Client(i, $"load-{i + 1:D6}"))
        .ToArray();

    private readonly ConcurrentQueue<string> _errors = new();
    private readonly string _runId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
    private HttpClient? _http;
    private string[] _lookIds = [];
    private int _connectionsClosed;
    private volatile bool _stopping;
    private volatile bool _frozen;

    // When the first measured signal went out: as a Stopwatch timestamp, on the wall clock (to line the latency slices
    // up with traces of the server), and the server's CPU time (--server-pid) and the hypervisor's stolen time then.
    private long _wallAtMeasureStart;
    private DateTimeOffset? _measuredStartedAt;
    private TimeSpan? _serverCpuAtMeasureStart;
    private TimeSpan? _stolenAtMeasureStart;

    // The signal log, one slot per scheduled signal.
    private long _total;
    private long _warmupCount;
    private long[] _sendTs = [];
    private long[] _ackTs = [];
    private long[] _ackVersion = [];
    private int[] _user = [];
    private Outcome[] _outcome = [];
    private long _outstanding;

    private enum Outcome : byte
    {
        NotSent,
        Pending,
        Accepted,
        Duplicate,
        Rejected,
        Failed,
    }

    /// <summary>Whether the runtime uses the framework's precompiled code: only an environment variable turns that off.</summary>
    private static bool FrameworkPrecompiled() =>
        (Environment.GetEnvironmentVariable("DOTNET_ReadyToRun") ?? Environment.GetEnvironmentVariable("COMPlus_ReadyToRun")) != "0";

    public async Task<Result> RunAsync(CancellationToken hardStop)
    {
        var started = DateTimeOffset.UtcNow;
        var baseResult = new Result
        {
            Config = new RunConfig(options.Url.ToString(), options.Clients, options.Rate, options.Duration, options.Warmup, options.Grace,
                options.TransportName, options.ConnectConcurrency, options.ConnectTimeout, options.TickMs,
                options.RandomPick ? "random" : "roundrobin", options.Seed),
            Machine = new MachineInfo(Environment.MachineName, Environment.ProcessorCount, RuntimeInformation.OSDescription,
                RuntimeInformation.FrameworkDescription, RuntimeInformation.ProcessArchitecture.ToString(), FrameworkPrecompiled()),
            StartedAt = started,
        };

        // Before this run's clients connect; a previous run's may still be closing on the server, which shows in it.
        baseResult = baseResult with { Probe = SpeedProbe.Run() };

        // Set-up: everything before the first signal must fit in the connect timeout.
        var connectWatch = Stopwatch.StartNew();
        using (var setup = CancellationTokenSource.CreateLinkedTokenSource(hardStop))
        {
            setup.CancelAfter(TimeSpan.FromSeconds(options.ConnectTimeout));
            var failure = await SetUpAsync(setup.Token);
            if (failure is not null)
            {
                return baseResult with
                {
                    SetupFailure = failure,
                    HardStopHit = hardStop.IsCancellationRequested,
                    Connected = _clients.Count(c => c.Connection?.State == HubConnectionState.Connected),
                    ConnectSeconds = connectWatch.Elapsed.TotalSeconds,
                    SampleErrors = [.. _errors.Take(10)],
                    ExitCode = 2,
                    Verdict = "FAILED: " + failure,
                };
            }
        }

        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        if (options.ServerPid is { } pid && ServerCpu() is null)
        {
            return baseResult with
            {
                SetupFailure = $"cannot read the CPU time of process {pid}",
                Connected = _clients.Length,
                ConnectSeconds = connectSeconds,
                ExitCode = 2,
                Verdict = $"FAILED: cannot read the CPU time of process {pid}",
            };
        }

        log.WriteLine($"connected {_clients.Length} clients in {connectSeconds:F1} s; sending {options.Rate} signals/s for {options.Warmup} s warm-up + {options.Duration} s measured");

        // Sending.
        _total = (long)Math.Round((options.Warmup + options.Duration) * options.Rate);
        _warmupCount = (long)Math.Round(options.Warmup * options.Rate);
        _sendTs = new long[_total];
        _ackTs = new long[_total];
        _ackVersion = new long[_total];
        _user = new int[_total];
        _outcome = new Outcome[_total];

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var cpuWatch = Stopwatch.StartNew();
        var (sendStart, sendEnd, maxLagMs) = await SendAllAsync(hardStop);
        log.WriteLine($"sending done ({CountSent()} signals); waiting up to {options.Grace} s for the last pushes");

        // Grace: until every accepted signal is reflected and every ack is in, or the grace runs out.
        var graceWatch = Stopwatch.StartNew();
        try
        {
            while (graceWatch.Elapsed.TotalSeconds < options.Grace && !AllSettled())
            {
                await Task.Delay(20, hardStop);
            }
        }
        catch (OperationCanceledException)
        {
        }

        var graceUsed = graceWatch.Elapsed.TotalSeconds;
        var cpuCores = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / cpuWatch.Elapsed.TotalSeconds;
        var serverCpuAtEnd = ServerCpu();
        var measuredWall = Stopwatch.GetElapsedTime(_wallAtMeasureStart).TotalSeconds;
        var stolenAtEnd = StolenTime.Read();
        _frozen = true;
        var result = Analyse(baseResult, connectSeconds, sendStart, sendEnd, maxLagMs, graceUsed, cpuCores, hardStop.IsCancellationRequested);
        if (_stolenAtMeasureStart is { } stolenFrom && stolenAtEnd is { } stolenTo && !hardStop.IsCancellationRequested)
        {
            result = result with { StolenCores = (stolenTo - stolenFrom).TotalSeconds / measuredWall };
        }

        if (options.ServerPid is { } serverPid && _serverCpuAtMeasureStart is { } from && serverCpuAtEnd is { } to && !hardStop.IsCancellationRequested)
        {
            // What the server burns with every client still connected and nothing sent (keep-alives, timers, queue
            // polls), sampled after the run rather than before it, when connecting's own work would still be in it.
            var idleWatch = Stopwatch.StartNew();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(IdleSampleSeconds), hardStop);
            }
            catch (OperationCanceledException)
            {
            }

            var idle = ((ServerCpu() ?? to) - to).TotalSeconds / idleWatch.Elapsed.TotalSeconds;
            var cpuMs = (to - from).TotalMilliseconds;
            var signals = result.Measured.Accepted;
            result = result with
            {
                Server = new ServerCpuUse(serverPid, idle, cpuMs, measuredWall, cpuMs / 1000 / measuredWall, signals,
                    signals > 0 ? cpuMs / signals : 0, signals > 0 ? (cpuMs - idle * measuredWall * 1000) / signals : 0),
            };
        }

        return result;
    }

    private const double IdleSampleSeconds = 3;

    /// <summary>The server process's total CPU time (user + system), or null when it cannot be read.</summary>
    private TimeSpan? ServerCpu()
    {
        if (options.ServerPid is not { } pid)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    private async Task<string?> SetUpAsync(CancellationToken ct)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(options.ConnectConcurrency, 2) })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(15),
        };

        // Is anybody there? The first token doubles as the probe.
        try
        {
            _clients[0].Token = await GetTokenAsync(_clients[0].UserId, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return $"server unreachable or refusing dev tokens at {options.Url}: {e.Message}";
        }

        try
        {
            var page = await _http.GetFromJsonAsync<LookPageMessage>("api/v1/looks?limit=100", ct);
            _lookIds = [.. (page?.Items ?? []).Select(l => l.Id).OfType<string>()];
            if (_lookIds.Length == 0)
            {
                return "GET /api/v1/looks?limit=100 returned no looks: the catalog is empty";
            }

            await Parallel.ForEachAsync(_clients.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = ct },
                async (client, token) => client.Token = await GetTokenAsync(client.UserId, token));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            return $"set-up requests failed: {e.Message}";
        }

        var failed = 0;
        try
        {
            await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = ct },
                async (client, token) =>
                {
                    if (!await ConnectAsync(client, token))
                    {
                        Interlocked.Increment(ref failed);
                    }
                });
        }
        catch (OperationCanceledException)
        {
            var connected = _clients.Count(c => c.Connection?.State == HubConnectionState.Connected);
            return $"only {connected} of {_clients.Length} clients connected within the connect timeout ({options.ConnectTimeout} s)";
        }

        return failed > 0 ? $"{failed} of {_clients.Length} clients could not connect to /hubs/style" : null;
    }

    private async Task<string> GetTokenAsync(string userId, CancellationToken ct)
    {
        using var response = await _http!.PostAsJsonAsync("api/v1/auth/dev-token", new { userId }, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException("POST /api/v1/auth/dev-token answered 404: dev tokens are not enabled on this server");
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<DevTokenMessage>(ct);
        return body?.AccessToken ?? throw new InvalidOperationException("dev-token answer without accessToken");
    }

    private async Task<bool> ConnectAsync(Client client, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var url = new Uri(options.Url, $"hubs/style?access_token={Uri.EscapeDataString(client.Token)}");
            var connection = new HubConnectionBuilder()
                .WithUrl(url, o => o.Transports = options.Transport)
                .Build();
            connection.On<VersionOnly>("LooksUpdated", push => client.OnLooks(Stopwatch.GetTimestamp(), push.Version));
            connection.On<VersionOnly>("TasteUpdated", _ => Interlocked.Increment(ref client.TastePushes));
            connection.On<VersionOnly>("AdsUpdated", _ => Interlocked.Increment(ref client.AdsPushes));
            connection.On<VersionOnly>("OutfitsUpdated", _ => { });
            connection.Closed += error =>
            {
                if (!_stopping)
                {
                    Interlocked.Increment(ref _connectionsClosed);
                    Note($"{client.UserId} connection closed: {error?.Message ?? "by the server"}");
                }

                return Task.CompletedTask;
            };
            try
            {
                await connection.StartAsync(ct);
                client.Connection = connection;
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Note($"{client.UserId} connect attempt {attempt}: {e.GetType().Name}: {e.Message}");
                await connection.DisposeAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct);
            }
            catch (OperationCanceledException)
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        return false;
    }

    /// <summary>
    /// The paced scheduler: every tick it sends whatever the timetable (signal i at i / rate seconds) says is due.
    /// Signal i goes to user i mod N, or to a seeded random user.
    /// </summary>
    private async Task<(long Start, long End, double MaxLagMs)> SendAllAsync(CancellationToken ct)
    {
        var random = new Random(options.Seed);
        var start = Stopwatch.GetTimestamp();
        long next = 0;
        double maxLagMs = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.TickMs));
        try
        {
            while (next < _total)
            {
                var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                var due = Math.Min(_total, (long)Math.Floor(elapsed * options.Rate) + 1);
                if (next < due)
                {
                    maxLagMs = Math.Max(maxLagMs, (elapsed - next / options.Rate) * 1000);
                }

                while (next < due)
                {
                    if (next == _warmupCount)
                    {
                        _measuredStartedAt = DateTimeOffset.UtcNow;
                        _serverCpuAtMeasureStart = ServerCpu();
                        _wallAtMeasureStart = Stopwatch.GetTimestamp();
                        _stolenAtMeasureStart = StolenTime.Read();
                    }

                    var user = options.RandomPick ? random.Next(_clients.Length) : (int)(next % _clients.Length);
                    Send(next, _clients[user], NextSignal(next, random));
                    next++;
                }

                if (next >= _total || !await timer.WaitForNextTickAsync(ct))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return (start, Stopwatch.GetTimestamp(), maxLagMs);
    }

    /// <summary>A mix of like 25%, dwell 35%, skip 25%, colour 15% on the first page of looks; ids unique per run.</summary>
    private SignalMessage NextSignal(long seq, Random random)
    {
        var id = $"lg-{_runId}-{seq}";
        var roll = random.Next(100);
        var look = _lookIds[random.Next(_lookIds.Length)];
        return roll switch
        {
            < 25 => new SignalMessage(id, "like", look, null, null),
            < 60 => new SignalMessage(id, "dwell", look, random.Next(1_000, 20_000), null),
            < 85 => new SignalMessage(id, "skip", look, null, null),
            _ => new SignalMessage(id, "colour", null, null, Colours[random.Next(Colours.Length)]),
        };
    }

    private void Send(long seq, Client client, SignalMessage signal)
    {
        _user[seq] = client.Index;
        _outcome[seq] = Outcome.Pending;
        Interlocked.Increment(ref _outstanding);
        _sendTs[seq] = Stopwatch.GetTimestamp();
        _ = SendAsync(seq, client, signal);
    }

    private async Task SendAsync(long seq, Client client, SignalMessage signal)
    {
        try
        {
            var ack = await client.Connection!.InvokeAsync<SignalAckMessage>("SendSignal", signal);
            var now = Stopwatch.GetTimestamp();
            if (_frozen)
            {
                return;
            }

            _ackTs[seq] = now;
            if (ack.Accepted > 0)
            {
                _ackVersion[seq] = ack.Version;
                client.OnAck(ack.Version);
                _outcome[seq] = Outcome.Accepted;
            }
            else
            {
                _outcome[seq] = Outcome.Duplicate;
            }
        }
        catch (HubException e)
        {
            if (!_frozen)
            {
                _outcome[seq] = Outcome.Rejected;
                Note($"rejected: {e.Message}");
            }
        }
        catch (Exception e)
        {
            if (!_frozen)
            {
                _outcome[seq] = Outcome.Failed;
                Note($"failed: {e.GetType().Name}: {e.Message}");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }

    private bool AllSettled() => Interlocked.Read(ref _outstanding) == 0 && _clients.All(c => c.Settled);

    private long CountSent() => _outcome.LongCount(o => o != Outcome.NotSent);

    private Result Analyse(Result result, double connectSeconds, long sendStart, long sendEnd, double maxLagMs, double graceUsed, double cpuCores, bool hardStopHit)
    {
        // Group the signals by user (a counting sort), then match each to the first push that reflects it.
        var perUser = new int[_clients.Length + 1];
        for (long i = 0; i < _total; i++)
        {
            if (_outcome[i] != Outcome.NotSent)
            {
                perUser[_user[i] + 1]++;
            }
        }

        for (var u = 0; u < _clients.Length; u++)
        {
            perUser[u + 1] += perUser[u];
        }

        var order = new long[perUser[_clients.Length]];
        var fill = (int[])perUser.Clone();
        for (long i = 0; i < _total; i++)
        {
            if (_outcome[i] != Outcome.NotSent)
            {
                order[fill[_user[i]]++] = i;
            }
        }

        var reflectedAt = new long[_total];
        Array.Fill(reflectedAt, -1);
        var lostSamples = new List<string>();
        foreach (var client in _clients)
        {
            var pushes = client.SnapshotLooks();
            var prefixMax = new long[pushes.Length];
            for (var j = 0; j < pushes.Length; j++)
            {
                prefixMax[j] = Math.Max(pushes[j].Version, j > 0 ? prefixMax[j - 1] : long.MinValue);
            }

            for (var k = perUser[client.Index]; k < perUser[client.Index + 1]; k++)
            {
                var i = order[k];
                if (_outcome[i] != Outcome.Accepted)
                {
                    continue;
                }

                var j = FirstAtLeast(prefixMax, _ackVersion[i]);
                if (j >= 0)
                {
                    reflectedAt[i] = pushes[j].Timestamp;
                }
                else if (lostSamples.Count < 10)
                {
                    lostSamples.Add($"{client.UserId}: signal {i} acknowledged at version {_ackVersion[i]}, highest LooksUpdated version seen {(pushes.Length > 0 ? prefixMax[^1] : -1)}");
                }
            }
        }

        var warmup = CountRange(0, _warmupCount, reflectedAt);
        var measured = CountRange(_warmupCount, _total, reflectedAt);
        var total = CountRange(0, _total, reflectedAt);

        var latencies = new List<double>();
        var acks = new List<double>();
        for (var i = _warmupCount; i < _total; i++)
        {
            if (reflectedAt[i] >= 0)
            {
                latencies.Add(Ms(reflectedAt[i] - _sendTs[i]));
            }

            if (_outcome[i] is Outcome.Accepted or Outcome.Duplicate)
            {
                acks.Add(Ms(_ackTs[i] - _sendTs[i]));
            }
        }

        var measureStart = _warmupCount < _total && _outcome[_warmupCount] != Outcome.NotSent ? _sendTs[_warmupCount] : sendEnd;
        var measuredSeconds = Stopwatch.GetElapsedTime(measureStart, sendEnd).TotalSeconds;
        long looksMeasured = 0;
        long looksAll = 0;
        foreach (var client in _clients)
        {
            var pushes = client.SnapshotLooks();
            looksAll += pushes.Length;
            looksMeasured += pushes.LongCount(p => p.Timestamp >= measureStart && p.Timestamp <= sendEnd);
        }

        var exitCode = result.SetupFailure is not null ? 2
            : total.Lost > 0 ? 1
            : hardStopHit ? 4
            : total.Rejected + total.Failed + total.Unacknowledged + total.Duplicates > 0 ? 3
            : 0;
        var verdict = exitCode switch
        {
            0 => "OK: every accepted signal was reflected by a LooksUpdated push",
            1 => $"FAILED: {total.Lost} accepted signals were never reflected by a LooksUpdated push",
            4 => "FAILED: the hard time limit was hit",
            _ => $"FAILED: {total.Rejected} rejected, {total.Failed} failed, {total.Unacknowledged} unacknowledged, {total.Duplicates} duplicates",
        };

        return result with
        {
            HardStopHit = hardStopHit,
            Connected = _clients.Count(c => c.Connection is not null),
            ConnectSeconds = connectSeconds,
            ConnectionsClosed = _connectionsClosed,
            SendSeconds = Stopwatch.GetElapsedTime(sendStart, sendEnd).TotalSeconds,
            MeasuredSeconds = measuredSeconds,
            AchievedRate = measuredSeconds > 0 ? measured.Sent / measuredSeconds : 0,
            MaxSchedulerLagMs = maxLagMs,
            GraceUsedSeconds = graceUsed,
            Warmup = warmup,
            Measured = measured,
            Total = total,
            LooksPushes = looksAll,
            LooksPushesMeasured = looksMeasured,
            LooksPushesPerSecond = measuredSeconds > 0 ? looksMeasured / measuredSeconds : 0,
            TastePushes = _clients.Sum(c => (long)c.TastePushes),
            AdsPushes = _clients.Sum(c => (long)c.AdsPushes),
            PushLatencyMs = Percentiles.Of([.. latencies]),
            AckLatencyMs = Percentiles.Of([.. acks]),
            Windows = Windows(reflectedAt),
            MeasuredStartedAt = _measuredStartedAt,
            ClientCpuCores = cpuCores,
            SampleErrors = [.. _errors.Take(10)],
            SampleLost = lostSamples,
            ExitCode = exitCode,
            Verdict = verdict,
        };
    }

    /// <summary>Push latency per slice of the measured timetable (<see cref="Options.SliceWidth"/> seconds each).</summary>
    private List<Window> Windows(long[] reflectedAt)
    {
        var windows = new List<Window>();
        var width = options.SliceWidth;
        for (var from = 0.0; from < options.Duration; from += width)
        {
            var to = Math.Min(options.Duration, from + width);
            var first = _warmupCount + (long)Math.Round(from * options.Rate);
            var last = Math.Min(_total, _warmupCount + (long)Math.Round(to * options.Rate));
            var values = new List<double>();
            for (var i = first; i < last; i++)
            {
                if (reflectedAt[i] >= 0)
                {
                    values.Add(Ms(reflectedAt[i] - _sendTs[i]));
                }
            }

            var p = Percentiles.Of([.. values]);
            windows.Add(new Window(from, to, p.Count, p.P50, p.P99, p.Max));
        }

        return windows;
    }

    private Counts CountRange(long from, long to, long[] reflectedAt)
    {
        long sent = 0, accepted = 0, duplicates = 0, rejected = 0, failed = 0, pending = 0, lost = 0;
        for (var i = from; i < to; i++)
        {
            switch (_outcome[i])
            {
                case Outcome.NotSent:
                    continue;
                case Outcome.Pending:
                    pending++;
                    break;
                case Outcome.Accepted:
                    accepted++;
                    if (reflectedAt[i] < 0)
                    {
                        lost++;
                    }

                    break;
                case Outcome.Duplicate:
                    duplicates++;
                    break;
                case Outcome.Rejected:
                    rejected++;
                    break;
                case Outcome.Failed:
                    failed++;
                    break;
            }

            sent++;
        }

        return new Counts { Sent = sent, Accepted = accepted, Duplicates = duplicates, Rejected = rejected, Failed = failed, Unacknowledged = pending, Lost = lost };
    }

    /// <summary>The first index whose (non-decreasing) prefix maximum reaches <paramref name="version"/>, or -1.</summary>
    private static int FirstAtLeast(long[] prefixMax, long version)
    {
        int lo = 0, hi = prefixMax.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (prefixMax[mid] >= version)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo < prefixMax.Length ? lo : -1;
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private void Note(string error)
    {
        if (_errors.Count < 50)
        {
            _errors.Enqueue(error);
        }
    }

    /// <summary>Closes every connection, a bounded number at a time, and gives up after 15 seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _frozen = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await Parallel.ForEachAsync(_clients.Where(c => c.Connection is not null),
                new ParallelOptions { MaxDegreeOfParallelism = 100, CancellationToken = timeout.Token },
                async (client, _) => await client.Connection!.DisposeAsync());
        }
        catch (OperationCanceledException)
        {
        }

        _http?.Dispose();
    }

    private sealed class Client(int index, string userId)
    {
        private readonly object _gate = new();
        private readonly List<Push> _looks = [];
        private long _maxAcked = long.MinValue;
        private long _maxPushed = long.MinValue;

        public int TastePushes;
        public int AdsPushes;

        public int Index { get; } = index;

        public string UserId { get; } = userId;

        public string Token { get; set; } = "";

        public HubConnection? Connection { get; set; }

        /// <summary>Every accepted signal of this user is reflected by some push already.</summary>
        public bool Settled => Interlocked.Read(ref _maxPushed) >= Interlocked.Read(ref _maxAcked);

        public void OnLooks(long timestamp, long version)
        {
            lock (_gate)
            {
                _looks.Add(new Push(timestamp, version));
            }

            RaiseTo(ref _maxPushed, version);
        }

        public void OnAck(long version) => RaiseTo(ref _maxAcked, version);

        public Push[] SnapshotLooks()
        {
            lock (_gate)
            {
                return [.. _looks];
            }
        }

        private static void RaiseTo(ref long target, long value)
        {
            var current = Interlocked.Read(ref target);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }

    private readonly record struct Push(long Timestamp, long Version);
}
