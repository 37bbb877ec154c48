using System.Diagnostics;
using OtMz.LoadGenerator;

namespace OtMz.UnitTests;

/// <summary>
/// The load generator's analysis (bench/LoadGenerator) on signal logs built by hand: how signals are matched to
/// the pushes that reflect them, how lost and unanswered signals are counted, the percentiles, the slices and the
/// verdict. The run itself, against the real server, is in RealtimeTests.
/// </summary>
public class LoadGeneratorAnalysisTests
{
    private static readonly Result Base = new()
    {
        Config = new RunConfig("http://127.0.0.1:5080/", 2, 10, 2, 0.5, 1, "websockets", 50, 120, 2, "roundrobin", 42),
        Machine = MachineInfo.OfThisProcess(),
        StartedAt = DateTimeOffset.UnixEpoch,
    };

    // Stopwatch timestamps at whole milliseconds from an arbitrary start.
    private static long At(double ms) => 1_000_000 + (long)Math.Round(ms * Stopwatch.Frequency / 1000);

    [Fact]
    public void PercentilesAreNearestRank()
    {
        var p = Percentiles.Of([.. Enumerable.Range(1, 100).Select(i => (double)(101 - i))]);

        Assert.Equal(100, p.Count);
        Assert.Equal(50, p.P50);
        Assert.Equal(95, p.P95);
        Assert.Equal(99, p.P99);
        Assert.Equal(100, p.Max);
        Assert.Equal(50.5, p.Mean);

        var three = Percentiles.Of([30, 10, 20]);
        Assert.Equal((20.0, 30.0, 30.0), (three.P50, three.P95, three.P99));
        Assert.Equal(0, Percentiles.Of([]).Count);
    }

    [Fact]
    public void ASignalIsReflectedByTheFirstPushThatReachesItsVersionEvenWhenPushesArriveOutOfOrder()
    {
        var log = new SignalLog(total: 4, warmupCount: 0);
        Accept(log, 0, user: 0, sentMs: 0, version: 3);
        Accept(log, 1, user: 0, sentMs: 1, version: 2);
        Accept(log, 2, user: 0, sentMs: 2, version: 5);
        Accept(log, 3, user: 1, sentMs: 3, version: 1);
        UserPushes[] users =
        [
            new("load-000001", [new Push(At(10), 2), new Push(At(20), 1), new Push(At(30), 4)]),
            new("load-000002", []),
        ];

        var (reflectedAt, lost) = PushMatching.Match(log, users);

        Assert.Equal([At(30), At(10), -1, -1], reflectedAt);
        Assert.Equal(
            [
                "load-000001: signal 2 acknowledged at version 5, highest LooksUpdated version seen 4",
                "load-000002: signal 3 acknowledged at version 1, highest LooksUpdated version seen -1",
            ],
            lost);
    }

    [Fact]
    public void OnlyAcceptedSignalsCanBeLostAndUnsentOnesAreNotCounted()
    {
        var log = new SignalLog(total: 7, warmupCount: 0);
        Accept(log, 0, user: 0, sentMs: 0, version: 1);
        Accept(log, 1, user: 0, sentMs: 1, version: 9);
        log.Sent(2, 0, At(2));
        Assert.True(log.Acknowledged(2, At(3), accepted: false, version: 0));
        log.Answered();
        log.Sent(3, 0, At(3));
        Assert.True(log.Ended(3, SignalOutcome.Rejected));
        log.Answered();
        log.Sent(4, 0, At(4));
        Assert.True(log.Ended(4, SignalOutcome.Failed));
        log.Answered();
        log.Sent(5, 0, At(5));

        var (reflectedAt, _) = PushMatching.Match(log, [new UserPushes("load-000001", [new Push(At(7), 1)])]);
        var counts = RunAnalysis.Count(log, 0, log.Total, reflectedAt);

        Assert.Equal(new Counts { Sent = 6, Accepted = 2, Duplicates = 1, Rejected = 1, Failed = 1, Unacknowledged = 1, Lost = 1 }, counts);
        Assert.Equal(6, log.CountSent());
        Assert.Equal(1, log.Outstanding);
    }

    [Fact]
    public void AFrozenLogIgnoresLateAnswers()
    {
        var log = new SignalLog(total: 2, warmupCount: 0);
        log.Sent(0, 0, At(0));
        log.Sent(1, 0, At(0));
        log.Freeze();

        Assert.False(log.Acknowledged(0, At(5), accepted: true, version: 3));
        Assert.False(log.Ended(1, SignalOutcome.Failed));
        Assert.Equal(SignalOutcome.Pending, log.Outcome(0));
        Assert.Equal(SignalOutcome.Pending, log.Outcome(1));
    }

    [Fact]
    public void SlicesCoverTheMeasuredTimetableBySendTime()
    {
        // 10 signals/s, 0.5 s of warm-up (signals 0-4), 2 s measured (5-24) in 1 s slices; signal i takes i ms.
        var options = new Options { Rate = 10, Warmup = 0.5, Duration = 2, SliceSeconds = 1 };
        var log = new SignalLog(total: 25, warmupCount: 5);
        var reflectedAt = new long[25];
        for (var i = 0; i < 25; i++)
        {
            Accept(log, i, user: 0, sentMs: 100 * i, version: i + 1);
            reflectedAt[i] = At(100 * i + i);
        }

        reflectedAt[24] = -1;

        var slices = RunAnalysis.Slices(options, log, reflectedAt);

        Assert.Equal(2, slices.Count);
        Assert.Equal((0.0, 1.0, 10L), (slices[0].FromSeconds, slices[0].ToSeconds, slices[0].Signals));
        Assert.Equal(9, slices[0].P50, 3);
        Assert.Equal(14, slices[0].Max, 3);
        Assert.Equal((1.0, 2.0, 9L), (slices[1].FromSeconds, slices[1].ToSeconds, slices[1].Signals));
        Assert.Equal(23, slices[1].Max, 3);
    }

    [Fact]
    public void TheDefaultSliceIsFiveSecondsOrATenthOfALongerRun()
    {
        Assert.Equal(5, new Options { Duration = 30 }.SliceWidth);
        Assert.Equal(12, new Options { Duration = 120 }.SliceWidth);
        Assert.Equal(2, new Options { Duration = 120, SliceSeconds = 2 }.SliceWidth);
    }

    [Theory]
    [InlineData(0, 0, 0, false, 0, "OK: every accepted signal was reflected by a LooksUpdated push")]
    [InlineData(3, 1, 1, true, 1, "FAILED: 3 accepted signals were never reflected by a LooksUpdated push")]
    [InlineData(0, 1, 0, true, 4, "FAILED: the hard time limit was hit")]
    [InlineData(0, 1, 2, false, 3, "FAILED: 1 rejected, 0 failed, 2 unacknowledged, 0 duplicates")]
    public void TheVerdictPutsLostSignalsFirstThenTheHardStopThenUnansweredOnes(long lost, long rejected, long unacknowledged, bool hardStop, int exitCode, string verdict) =>
        Assert.Equal((exitCode, verdict), RunAnalysis.Verdict(new Counts { Lost = lost, Rejected = rejected, Unacknowledged = unacknowledged }, hardStop));

    [Fact]
    public void SignalsRefusedAsBusyAreCountedAndSaidButDoNotFailTheRun()
    {
        Assert.Equal((0, "OK: every accepted signal was reflected by a LooksUpdated push; 40 refused as busy (503)"),
            RunAnalysis.Verdict(new Counts { Accepted = 100, Busy = 40 }, hardStopHit: false));
        Assert.Equal(1, RunAnalysis.Verdict(new Counts { Busy = 40, Lost = 1 }, hardStopHit: false).ExitCode);
    }

    [Fact]
    public void AnalysisSplitsWarmUpFromMeasuredAndTimesOnlyMeasuredSignals()
    {
        // 10 signals/s, 0.5 s warm-up: signals 0-4 are the warm-up, 5-24 measured; two users in turn.
        var options = new Options { Rate = 10, Warmup = 0.5, Duration = 2, SliceSeconds = 1 };
        var log = new SignalLog(total: 25, warmupCount: 5);
        var pushes = new List<Push>[] { [], [] };
        for (var i = 0; i < 25; i++)
        {
            Accept(log, i, user: i % 2, sentMs: 100 * i, version: i + 1, ackMs: 2);
            if (i != 3)
            {
                // Every signal but warm-up signal 3 is reflected 10 ms after it was sent.
                pushes[i % 2].Add(new Push(At(100 * i + 10), i + 1));
            }
        }

        var users = new[] { new UserPushes("load-000001", [.. pushes[0]]), new UserPushes("load-000002", [.. pushes[1]]) };
        var result = RunAnalysis.Analyse(Base, options, log, users, sendStart: At(0), sendEnd: At(2_400), hardStopHit: false);

        Assert.Equal(5, result.Warmup.Accepted);
        Assert.Equal(0, result.Warmup.Lost);
        Assert.Equal(20, result.Measured.Sent);
        Assert.Equal(0, result.Measured.Lost);
        Assert.Equal(20, result.PushLatencyMs.Count);
        Assert.Equal(10, result.PushLatencyMs.P99, 3);
        Assert.Equal(2, result.AckLatencyMs.Max, 3);
        Assert.Equal(1.9, result.MeasuredSeconds, 6);
        Assert.Equal(20 / 1.9, result.AchievedRate, 6);
        Assert.Equal(24, result.LooksPushes);
        Assert.Equal(19, result.LooksPushesMeasured);
        Assert.Equal(2.4, result.SendSeconds, 6);
        Assert.Equal(2, result.Windows.Count);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void AWarmUpSignalNoPushReflectsIsLostAndFailsTheRun()
    {
        var options = new Options { Rate = 10, Warmup = 0.5, Duration = 1 };
        var log = new SignalLog(total: 15, warmupCount: 5);
        for (var i = 0; i < 15; i++)
        {
            Accept(log, i, user: 0, sentMs: 100 * i, version: i + 1);
        }

        var result = RunAnalysis.Analyse(Base, options, log, [new UserPushes("load-000001", [new Push(At(50), 2)])], At(0), At(1_400), hardStopHit: false);

        Assert.Equal(3, result.Warmup.Lost);
        Assert.Equal(10, result.Measured.Lost);
        Assert.Equal(13, result.Total.Lost);
        Assert.Equal(0, result.PushLatencyMs.Count);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(PushMatching.LostSamples, result.SampleLost.Count);
    }

    [Fact]
    public void TheServersCpuPerSignalIsNetOfItsIdleRateOverTheSameWallTime()
    {
        var use = ProcessCpu.Use(pid: 7, idleCores: 0.5, from: TimeSpan.FromSeconds(10), to: TimeSpan.FromSeconds(14), wallSeconds: 4, signals: 1_000);

        Assert.Equal(new ServerCpuUse(7, 0.5, 4_000, 4, 1, 1_000, 4, 2), use);
        Assert.Equal(0, ProcessCpu.Use(7, 0.5, TimeSpan.Zero, TimeSpan.FromSeconds(1), 1, signals: 0).CpuMsPerSignal);
    }

    [Fact]
    public void ErrorSamplesKeepTheFirstFiftyAndShowTen()
    {
        var errors = new ErrorSamples();
        for (var i = 0; i < 80; i++)
        {
            errors.Note($"error {i}");
        }

        Assert.Equal(Enumerable.Range(0, ErrorSamples.Shown).Select(i => $"error {i}"), errors.First());
    }

    private static void Accept(SignalLog log, long seq, int user, double sentMs, long version, double ackMs = 1)
    {
        log.Sent(seq, user, At(sentMs));
        Assert.True(log.Acknowledged(seq, At(sentMs + ackMs), accepted: true, version));
        log.Answered();
    }
}
