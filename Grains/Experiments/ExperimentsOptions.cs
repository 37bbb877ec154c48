namespace OtMz.Grains.Experiments;

/// <summary>Section "Experiments": how fresh each silo's copy of the definitions and the registry's counts are.</summary>
public sealed class ExperimentsOptions
{
    /// <summary>
    /// How old a silo's copy of the definitions may be before a user grain's next read asks the registry whether
    /// it changed: a stop or a new experiment reaches every user within this time. Zero asks on every read.
    /// </summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a silo adds what its user grains counted to the per-variant counters; a report lags by at most this.</summary>
    public TimeSpan FlushPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
