namespace OtMz.Grains.Interfaces;

/// <summary>
/// The overload gate's settings, keys of section "Push": read by the silo's gate, which judges push lags, and by
/// every Api node's signal door, which judges grain answers and relays; so they live with the interfaces, which
/// both hosts share.
/// </summary>
public sealed class OverloadOptions
{
    /// <summary>
    /// While most pushes (or grain answers, or relays) of a window waited longer than this, new signals are refused
    /// with 503 and Retry-After. Zero turns the gate off.
    /// </summary>
    public TimeSpan ShedAboveLag { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How often the overload gate gives its verdict, from the waits of the window just ended.</summary>
    public TimeSpan LagWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The Retry-After of a signal refused by the overload gate.</summary>
    public TimeSpan ShedRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
