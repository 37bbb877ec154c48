namespace OtMz.Grains.Push;

/// <summary>Section "Push".</summary>
public sealed class PushOptions
{
    /// <summary>
    /// How long a user grain waits after a change before it recomputes and pushes, so that a burst of signals
    /// costs one recompute. The last state is always pushed.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(15);

    /// <summary>How many ads a push and a snapshot carry.</summary>
    public int AdsPerPush { get; set; } = 5;
}
