using System.Diagnostics;

namespace OtMz.LoadGenerator;

/// <summary>
/// Turns a frozen <see cref="SignalLog"/> and every user's pushes into the run's figures: the counts of warm-up,
/// measured and all signals (LOST being accepted signals no push reflected), nearest-rank latency percentiles of
/// the measured signals, latency per slice of the measured timetable, the push rates, and the verdict with its exit
/// code. It reads only what it is given, so it runs the same on a live run and on a log built by a test.
/// </summary>
public static class RunAnalysis
{
    public static Result Analyse(Result result, Options options, SignalLog log, IReadOnlyList<UserPushes> users, long sendStart, long sendEnd, bool hardStopHit)
    {
        var (reflectedAt, lost) = PushMatching.Match(log, users);
        var warmup = Count(log, 0, log.WarmupCount, reflectedAt);
        var measured = Count(log, log.WarmupCount, log.Total, reflectedAt);
        var total = Count(log, 0, log.Total, reflectedAt);

        var latencies = new List<double>();
        var acks = new List<double>();
        for (var i = log.WarmupCount; i < log.Total; i++)
        {
            if (reflectedAt[i] >= 0)
            {
                latencies.Add(Ms(reflectedAt[i] - log.SentAt(i)));
            }

            if (log.Outcome(i) is SignalOutcome.Accepted or SignalOutcome.Duplicate)
            {
                acks.Add(Ms(log.AcknowledgedAt(i) - log.SentAt(i)));
            }
        }

        var measureStart = log.WarmupCount < log.Total && log.Outcome(log.WarmupCount) != SignalOutcome.NotSent ? log.SentAt(log.WarmupCount) : sendEnd;
        var measuredSeconds = Stopwatch.GetElapsedTime(measureStart, sendEnd).TotalSeconds;
        long looksMeasured = 0;
        long looksAll = 0;
        foreach (var user in users)
        {
            looksAll += user.Looks.Length;
            looksMeasured += user.Looks.LongCount(p => p.Timestamp >= measureStart && p.Timestamp <= sendEnd);
        }

        var (exitCode, verdict) = Verdict(total, hardStopHit);
        return result with
        {
            HardStopHit = hardStopHit,
            SendSeconds = Stopwatch.GetElapsedTime(sendStart, sendEnd).TotalSeconds,
            MeasuredSeconds = measuredSeconds,
            AchievedRate = measuredSeconds > 0 ? measured.Sent / measuredSeconds : 0,
            Warmup = warmup,
            Measured = measured,
            Total = total,
            LooksPushes = looksAll,
            LooksPushesMeasured = looksMeasured,
            LooksPushesPerSecond = measuredSeconds > 0 ? looksMeasured / measuredSeconds : 0,
            PushLatencyMs = Percentiles.Of([.. latencies]),
            AckLatencyMs = Percentiles.Of([.. acks]),
            Windows = Slices(options, log, reflectedAt),
            SampleLost = lost,
            ExitCode = exitCode,
            Verdict = verdict,
        };
    }

    /// <summary>
    /// The exit code and verdict line of a run that got going: lost signals outrank a hard stop, which outranks
    /// signals that were refused, failed, never answered or answered as duplicates. A 503 from the overload gate is
    /// the server keeping its promise past the sustainable rate, so it is counted and said, not failed.
    /// </summary>
    public static (int ExitCode, string Verdict) Verdict(Counts total, bool hardStopHit)
    {
        var exitCode = total.Lost > 0 ? 1
            : hardStopHit ? 4
            : total.Rejected + total.Failed + total.Unacknowledged + total.Duplicates > 0 ? 3
            : 0;
        return (exitCode, exitCode switch
        {
            0 => "OK: every accepted signal was reflected by a LooksUpdated push" + (total.Busy > 0 ? $"; {total.Busy} refused as busy (503)" : ""),
            1 => $"FAILED: {total.Lost} accepted signals were never reflected by a LooksUpdated push",
            4 => "FAILED: the hard time limit was hit",
            _ => $"FAILED: {total.Rejected} rejected, {total.Failed} failed, {total.Unacknowledged} unacknowledged, {total.Duplicates} duplicates",
        });
    }

    /// <summary>Push latency per slice of the measured timetable (<see cref="Options.SliceWidth"/> seconds each), by scheduled send time.</summary>
    public static List<Window> Slices(Options options, SignalLog log, long[] reflectedAt)
    {
        var windows = new List<Window>();
        var width = options.SliceWidth;
        for (var from = 0.0; from < options.Duration; from += width)
        {
            var to = Math.Min(options.Duration, from + width);
            var first = log.WarmupCount + (long)Math.Round(from * options.Rate);
            var last = Math.Min(log.Total, log.WarmupCount + (long)Math.Round(to * options.Rate));
            var values = new List<double>();
            for (var i = first; i < last; i++)
            {
                if (reflectedAt[i] >= 0)
                {
                    values.Add(Ms(reflectedAt[i] - log.SentAt(i)));
                }
            }

            var p = Percentiles.Of([.. values]);
            windows.Add(new Window(from, to, p.Count, p.P50, p.P99, p.Max));
        }

        return windows;
    }

    /// <summary>The outcomes of signals <paramref name="from"/> to <paramref name="to"/> (exclusive); unsent ones are not counted.</summary>
    public static Counts Count(SignalLog log, long from, long to, long[] reflectedAt)
    {
        long sent = 0, accepted = 0, duplicates = 0, rejected = 0, failed = 0, busy = 0, pending = 0, lost = 0;
        for (var i = from; i < to; i++)
        {
            switch (log.Outcome(i))
            {
                case SignalOutcome.NotSent:
                    continue;
                case SignalOutcome.Pending:
                    pending++;
                    break;
                case SignalOutcome.Accepted:
                    accepted++;
                    if (reflectedAt[i] < 0)
                    {
                        lost++;
                    }

                    break;
                case SignalOutcome.Duplicate:
                    duplicates++;
                    break;
                case SignalOutcome.Rejected:
                    rejected++;
                    break;
                case SignalOutcome.Failed:
                    failed++;
                    break;
                case SignalOutcome.Busy:
                    busy++;
                    break;
            }

            sent++;
        }

        return new Counts { Sent = sent, Accepted = accepted, Duplicates = duplicates, Rejected = rejected, Failed = failed, Busy = busy, Unacknowledged = pending, Lost = lost };
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
