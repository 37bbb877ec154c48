using Microsoft.Extensions.Options;

namespace OtMz.Grains.Push;

/// <summary>
/// The silo's overload gate. Every push tells it how long its oldest change waited (from the change that
/// scheduled it to its publication); while most pushes of the latest
/// window of <see cref="OverloadOptions.LagWindow"/> waited longer than <see cref="OverloadOptions.ShedAboveLag"/>
/// (<see cref="LagVerdict"/>), the silo is behind, and user grains refuse new signals (503 with Retry-After at the
/// doors) instead of queueing work they would reflect seconds later. Refusing is cheap (no fan-out, no write), so
/// the backlog drains and the gate opens again by itself; duplicates are still acknowledged. It reads the real
/// clock, not the grain clock a test may fake: it measures how long work waits.
/// </summary>
public sealed class PushLagGate
{
    private readonly IOptions<OverloadOptions> _options;
    private readonly LagVerdict _verdict;
    private readonly TimeProvider _time;

    public PushLagGate(IOptions<OverloadOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _verdict = new LagVerdict(time, () => options.Value.LagWindow, () => options.Value.ShedAboveLag);
    }

    /// <summary>Whether new signals are refused now.</summary>
    public bool Shedding => _verdict.Behind;

    /// <summary>What a refusal tells the client to wait.</summary>
    public TimeSpan RetryAfter => _options.Value.ShedRetryAfter;

    /// <summary>Now, as this gate counts time: what a grain keeps as the moment its next push became due.</summary>
    public long Timestamp() => _time.GetTimestamp();

    /// <summary>One push was published; its oldest change came at <paramref name="dueSince"/> (<see cref="Timestamp"/>).</summary>
    public void Published(long dueSince) => Record(_time.GetElapsedTime(dueSince));

    /// <summary>One push was published; <paramref name="lag"/> is how long its oldest change waited for it.</summary>
    public void Record(TimeSpan lag)
    {
        _verdict.Record(lag);
        OtMzMetrics.PushLag.Record(lag.TotalMilliseconds);
    }
}
