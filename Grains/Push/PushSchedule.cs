namespace OtMz.Grains.Push;

/// <summary>
/// When a user's next push runs. A push opens a window of <see cref="PushOptions.CoalesceWindow"/>; a change made
/// while no window is open goes out at once, and a change made inside an open window waits for its end, where one
/// push carries it and every other change of that window. So there is at most one recompute per window, the first
/// reaction to a quiet user's signal does not wait, and the last state always goes out. The user grain arms its
/// timer with what <see cref="Changed"/> returns and calls <see cref="Starting"/> when the timer fires;
/// <see cref="PushLedger"/> then decides which facets the push carries.
/// </summary>
public sealed class PushSchedule(TimeProvider time, TimeSpan window)
{
    private long? _openedAt;

    /// <summary>Whether a push is scheduled and has not started.</summary>
    public bool Pending { get; private set; }

    /// <summary>
    /// Something changed now: the delay to schedule the push after (zero unless a window is open), or null when a
    /// push is already scheduled, which will carry this change too.
    /// </summary>
    public TimeSpan? Changed()
    {
        if (Pending)
        {
            return null;
        }

        Pending = true;
        if (_openedAt is not { } opened)
        {
            return TimeSpan.Zero;
        }

        var left = window - time.GetElapsedTime(opened);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The scheduled push starts now: it carries every change so far, and a new window opens.</summary>
    public void Starting()
    {
        Pending = false;
        _openedAt = time.GetTimestamp();
    }
}
