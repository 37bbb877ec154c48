using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The experiments' single writer (key 0): checks and stores definitions and stops, and builds reports from the
/// per-variant counters (<see cref="IExperimentCounterGrain"/>). Each silo copies the definitions through
/// <see cref="GetIfNewer"/>, so user grains never call it on the hot path.
/// </summary>
[Alias("otmz.IExperimentRegistryGrain")]
public interface IExperimentRegistryGrain : IGrainWithIntegerKey
{
    [Alias("define")]
    Task<ExperimentResult> Define(ExperimentDraft draft);

    /// <summary>Stops a running or scheduled experiment now; stopping a stopped one changes nothing.</summary>
    [Alias("stop")]
    Task<ExperimentResult> Stop(string name);

    [Alias("list"), ReadOnly]
    Task<ImmutableArray<Experiment>> List();

    [Alias("get"), ReadOnly]
    Task<Experiment?> Get(string name);

    /// <summary>The definitions if they changed since <paramref name="version"/>, else null.</summary>
    [Alias("if-newer"), ReadOnly, AlwaysInterleave]
    Task<ExperimentCatalog?> GetIfNewer(long version);

    /// <summary>The online metrics of each variant, compared with <paramref name="baseline"/> (null: the first variant).</summary>
    [Alias("report"), ReadOnly]
    Task<ExperimentReportResult> Report(string name, string? baseline);
}

/// <summary>
/// One variant's running totals, keyed "experiment/variant". Silos add what their user grains counted in batches
/// (<see cref="Add"/>), so its totals are every silo's counts up to their last flush.
/// </summary>
[Alias("otmz.IExperimentCounterGrain")]
public interface IExperimentCounterGrain : IGrainWithStringKey
{
    [Alias("add")]
    Task Add(VariantCounts delta);

    [Alias("get"), ReadOnly]
    Task<VariantCounts> Get();

    public static string KeyOf(ExperimentArm arm) => $"{arm.Experiment}/{arm.Variant}";
}
