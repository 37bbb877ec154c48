namespace OtMz.Grains.Push;

/// <summary>Section "Push".</summary>
public sealed class PushOptions
{
    /// <summary>
    /// The shortest time between two recomputes of one user. A change after a quiet window is pushed at once and
    /// opens a window; every change that arrives while it is open is gathered into one push at its end, so a
    /// burst costs at most two recomputes however long it is inside one window. The last state is always pushed.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(15);

    /// <summary>How many ads a push and a snapshot carry.</summary>
    public int AdsPerPush { get; set; } = 5;
}
