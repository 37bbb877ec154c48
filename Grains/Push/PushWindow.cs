namespace OtMz.Grains.Push;

/// <summary>
/// When a user's next push may run. A push opens a window of <see cref="PushOptions.CoalesceWindow"/>; a change
/// made while no window is open goes out at once, and a change made inside an open window waits for its end, where
/// one push carries it and every other change of that window. So there is at most one recompute per window, the
/// first reaction to a quiet user's signal does not wait, and the last state always goes out.
/// </summary>
public sealed class PushWindow(TimeProvider time, TimeSpan length)
{
    private long? _openedAt;

    /// <summary>How long a push for a change made now should wait: zero unless a window is open.</summary>
    public TimeSpan DelayForChange()
    {
        if (_openedAt is not { } opened)
        {
            return TimeSpan.Zero;
        }

        var left = length - time.GetElapsedTime(opened);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>A push starts now; the window opens.</summary>
    public void Open() => _openedAt = time.GetTimestamp();
}
