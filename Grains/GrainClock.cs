namespace OtMz.Grains;

/// <summary>
/// The key of the clock the user grain reads for what it remembers and reports: how long signal ids are kept, the
/// state's time of update, the season. Hosts point it at the default <see cref="TimeProvider"/>
/// (<c>AddOtMzGrains</c>); a test replaces only this key with a fake clock, because Orleans' own timers and timeouts
/// read the default one and would stop with it.
/// </summary>
public static class GrainClock
{
    public const string Key = "OtMz.GrainClock";
}
