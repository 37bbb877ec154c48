namespace OtMz.Grains.Interfaces;

/// <summary>
/// Judges a stream of waits window by window: a window of at least <see cref="MinSamples"/> samples whose majority
/// waited longer than the limit says "behind" until the next window's verdict; a window with too few samples keeps
/// the verdict one more window, then says "on time" (with nothing waiting there is nothing to be behind on). The
/// median rather than the maximum decides, so one slow sample (a garbage collection) does not trip it. Used by the
/// silo's overload gate on push lags and by the Api's signal door on acknowledgement times. Thread-safe.
/// </summary>
public sealed class LagVerdict(TimeProvider time, Func<TimeSpan> window, Func<TimeSpan> limit)
{
    public const int MinSamples = 5;

    private readonly Lock _lock = new();
    private long _windowStart = time.GetTimestamp();
    private int _samples;
    private int _late;
    private long _lastVerdictAt;
    private bool _behind;

    /// <summary>The verdict of the latest window that ended.</summary>
    public bool Behind
    {
        get
        {
            lock (_lock)
            {
                Roll(time.GetTimestamp());
                return _behind;
            }
        }
    }

    /// <summary>One sample; ignored while the limit is zero (judging turned off).</summary>
    public void Record(TimeSpan wait)
    {
        var max = limit();
        if (max <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            Roll(time.GetTimestamp());
            _samples++;
            if (wait > max)
            {
                _late++;
            }
        }
    }

    private void Roll(long now)
    {
        var length = window();
        if (time.GetElapsedTime(_windowStart, now) < length)
        {
            return;
        }

        if (_samples >= MinSamples)
        {
            _behind = _late * 2 > _samples;
            _lastVerdictAt = now;
        }
        else if (_behind && time.GetElapsedTime(_lastVerdictAt, now) >= length * 2)
        {
            _behind = false;
        }

        _windowStart = now;
        _samples = 0;
        _late = 0;
    }
}
