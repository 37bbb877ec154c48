using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Push;

/// <summary>
/// The silo's overload gate. Every push tells it how long its oldest change waited (from the signal that
/// scheduled it to its publication, <see cref="PushSchedule.PendingSince"/>); while most pushes of the latest
/// window of <see cref="PushOptions.LagWindow"/> waited longer than <see cref="PushOptions.ShedAboveLag"/>, the
/// silo is behind, and user grains refuse new signals (503 with Retry-After at the doors) instead of queueing work
/// they would reflect seconds later. Refusing is cheap (no fan-out, no write), so the backlog drains and the gate
/// opens again by itself; duplicates are still acknowledged. The median rather than the maximum decides, so one
/// slow push (a garbage collection) does not shut the door. Thread-safe: every grain of the silo reports here.
/// </summary>
public sealed class PushLagGate(IOptions<PushOptions> options, [FromKeyedServices(GrainClock.Key)] TimeProvider time)
{
    /// <summary>Fewer pushes than this in a window say nothing about the silo as a whole.</summary>
    public const int MinPushesPerWindow = 5;

    private readonly Lock _lock = new();
    private long _windowStart = time.GetTimestamp();
    private int _pushes;
    private int _late;
    private long _lastVerdictAt = long.MinValue;
    private bool _shedding;

    /// <summary>Whether new signals are refused now.</summary>
    public bool Shedding
    {
        get
        {
            lock (_lock)
            {
                Roll(time.GetTimestamp());
                return _shedding;
            }
        }
    }

    /// <summary>What a refusal tells the client to wait: a window's worth at least, so the next verdict is in.</summary>
    public TimeSpan RetryAfter => options.Value.ShedRetryAfter;

    /// <summary>One push was published; <paramref name="lag"/> is how long its oldest change waited for it.</summary>
    public void Record(TimeSpan lag)
    {
        var limit = options.Value.ShedAboveLag;
        if (limit <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            Roll(time.GetTimestamp());
            _pushes++;
            if (lag > limit)
            {
                _late++;
            }
        }

        OtMzMetrics.PushLag.Record(lag.TotalMilliseconds);
    }

    /// <summary>
    /// Closes the window once it has run its length and gives its verdict. A window with too few pushes keeps the
    /// last verdict for one more window, then opens the gate: with no pushes there is nothing to be behind on.
    /// </summary>
    private void Roll(long now)
    {
        var window = options.Value.LagWindow;
        if (time.GetElapsedTime(_windowStart, now) < window)
        {
            return;
        }

        if (_pushes >= MinPushesPerWindow)
        {
            _shedding = _late * 2 > _pushes;
            _lastVerdictAt = now;
        }
        else if (_shedding && time.GetElapsedTime(_lastVerdictAt, now) >= window * 2)
        {
            _shedding = false;
        }

        _windowStart = now;
        _pushes = 0;
        _late = 0;
    }
}
