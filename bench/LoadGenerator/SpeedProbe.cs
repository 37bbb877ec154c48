using System.Diagnostics;

namespace OtMz.LoadGenerator;

/// <summary>
/// A fixed piece of single-threaded work timed before the clients connect, so that runs taken hours or days apart
/// on a shared virtual machine can be matched to how fast the machine was at the time: sorting the same 1,000,000
/// seeded integers, once untimed (the sort is compiled at its first call) and then <see cref="Rounds"/> times.
/// </summary>
public static class SpeedProbe
{
    public const int Rounds = 5;

    private const int Length = 1_000_000;

    public static ProbeResult Run()
    {
        var random = new Random(42);
        var source = new int[Length];
        for (var i = 0; i < source.Length; i++)
        {
            source[i] = random.Next();
        }

        var work = new int[Length];
        var times = new double[Rounds];
        for (var round = -1; round < Rounds; round++)
        {
            source.CopyTo(work, 0);
            var started = Stopwatch.GetTimestamp();
            Array.Sort(work);
            if (round >= 0)
            {
                times[round] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        Array.Sort(times);
        return new ProbeResult(times[Rounds / 2], times[0], times[^1]);
    }
}

/// <summary>The probe's time in ms: the median of its rounds and their range.</summary>
public sealed record ProbeResult(double MedianMs, double MinMs, double MaxMs);
