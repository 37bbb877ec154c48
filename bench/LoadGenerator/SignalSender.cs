using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OtMz.LoadGenerator;

/// <summary>
/// The paced scheduler: every tick it sends whatever the timetable (signal i at i / rate seconds) says is due,
/// signal i to user i mod N or to a seeded random user, and records each send and its answer in the
/// <see cref="SignalLog"/>. It does not wait for answers: a slow server shows as latency, not as a slower timetable.
/// </summary>
public sealed class SignalSender(Options options, IReadOnlyList<LoadClient> clients, string[] lookIds, SignalLog log, ErrorSamples errors)
{
    private static readonly string[] Colours =
    [
        "black", "white", "gray", "red", "pink", "orange", "beige", "brown", "yellow", "green", "khaki",
        "mint", "blue", "navy", "skyblue", "purple", "lavender", "wine", "neon", "gold", "silver",
    ];

    private readonly string _runId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);

    /// <summary>
    /// Sends the whole timetable (or until cancelled) and returns when sending started and ended (Stopwatch
    /// timestamps) and how late the scheduler ever was. <paramref name="measureStarting"/> runs just before the
    /// first measured signal goes out.
    /// </summary>
    public async Task<(long Start, long End, double MaxLagMs)> SendAllAsync(Action measureStarting, CancellationToken ct)
    {
        var random = new Random(options.Seed);
        var start = Stopwatch.GetTimestamp();
        long next = 0;
        double maxLagMs = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.TickMs));
        try
        {
            while (next < log.Total)
            {
                var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                var due = Math.Min(log.Total, (long)Math.Floor(elapsed * options.Rate) + 1);
                if (next < due)
                {
                    maxLagMs = Math.Max(maxLagMs, (elapsed - next / options.Rate) * 1000);
                }

                while (next < due)
                {
                    if (next == log.WarmupCount)
                    {
                        measureStarting();
                    }

                    var user = options.RandomPick ? random.Next(clients.Count) : (int)(next % clients.Count);
                    Send(next, clients[user], NextSignal(next, random));
                    next++;
                }

                if (next >= log.Total || !await timer.WaitForNextTickAsync(ct))
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
        var look = lookIds[random.Next(lookIds.Length)];
        return roll switch
        {
            < 25 => new SignalMessage(id, "like", look, null, null),
            < 60 => new SignalMessage(id, "dwell", look, random.Next(1_000, 20_000), null),
            < 85 => new SignalMessage(id, "skip", look, null, null),
            _ => new SignalMessage(id, "colour", null, null, Colours[random.Next(Colours.Length)]),
        };
    }

    private void Send(long seq, LoadClient client, SignalMessage signal)
    {
        log.Sent(seq, client.Index, Stopwatch.GetTimestamp());
        _ = SendAsync(seq, client, signal);
    }

    private async Task SendAsync(long seq, LoadClient client, SignalMessage signal)
    {
        try
        {
            var ack = await client.Connection!.InvokeAsync<SignalAckMessage>("SendSignal", signal);
            if (log.Acknowledged(seq, Stopwatch.GetTimestamp(), ack.Accepted > 0, ack.Version) && ack.Accepted > 0)
            {
                client.OnAck(ack.Version);
            }
        }
        catch (HubException e) when (e.Message.Contains("(503)", StringComparison.Ordinal))
        {
            log.Ended(seq, SignalOutcome.Busy);
        }
        catch (HubException e)
        {
            if (log.Ended(seq, SignalOutcome.Rejected))
            {
                errors.Note($"rejected: {e.Message}");
            }
        }
        catch (Exception e)
        {
            if (log.Ended(seq, SignalOutcome.Failed))
            {
                errors.Note($"failed: {e.GetType().Name}: {e.Message}");
            }
        }
        finally
        {
            log.Answered();
        }
    }
}
