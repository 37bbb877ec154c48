using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Push;

/// <summary>
/// The silo's overload gate. Every push tells it how long its oldest change waited (from the signal that
/// scheduled it to its publication, <see cref="PushSchedule.PendingSince"/>); while most pushes of the latest
/// window of <see cref="PushOptions.LagWindow"/> waited longer than <see cref="PushOptions.ShedAboveLag"/>
/// (<see cref="LagVerdict"/>), the silo is behind, and user grains refuse new signals (503 with Retry-After at the
/// doors) instead of queueing work they would reflect seconds later. Refusing is cheap (no fan-out, no write), so
/// the backlog drains and the gate opens again by itself; duplicates are still acknowledged.
/// </summary>
public sealed class PushLagGate
{
    private readonly IOptions<PushOptions> _options;
    private readonly LagVerdict _verdict;

    public PushLagGate(IOptions<PushOptions> options, [FromKeyedServices(GrainClock.Key)] TimeProvider time)
    {
        _options = options;
        _verdict = new LagVerdict(time, () => options.Value.LagWindow, () => options.Value.ShedAboveLag);
    }

    /// <summary>Whether new signals are refused now.</summary>
    public bool Shedding => _verdict.Behind;

    /// <summary>What a refusal tells the client to wait.</summary>
    public TimeSpan RetryAfter => _options.Value.ShedRetryAfter;

    /// <summary>One push was published; <paramref name="lag"/> is how long its oldest change waited for it.</summary>
    public void Record(TimeSpan lag)
    {
        _verdict.Record(lag);
        OtMzMetrics.PushLag.Record(lag.TotalMilliseconds);
    }
}
