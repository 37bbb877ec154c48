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

    /// <summary>
    /// The overload gate (<see cref="PushLagGate"/>): while most pushes of a window waited longer than this from
    /// their first change, new signals are refused with 503 and Retry-After. Zero turns the gate off.
    /// </summary>
    public TimeSpan ShedAboveLag { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often the overload gate gives its verdict, from the pushes of the window just ended.</summary>
    public TimeSpan LagWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The Retry-After of a signal refused by the overload gate.</summary>
    public TimeSpan ShedRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many ads a push and a snapshot carry.</summary>
    public int AdsPerPush { get; set; } = 5;
}
