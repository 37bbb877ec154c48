namespace OtMz.Grains.Experiments;

/// <summary>Every experiment ever defined (names are never reused) and the version that moves with each change.</summary>
[GenerateSerializer, Alias("otmz.experiment-registry-state")]
public sealed class ExperimentRegistryState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public List<Experiment> Experiments { get; set; } = [];
}

/// <summary>One variant's totals as its counter grain stores them.</summary>
[GenerateSerializer, Alias("otmz.experiment-counter-state")]
public sealed class ExperimentCounterState
{
    [Id(0)]
    public VariantCounts Counts { get; set; } = VariantCounts.Zero;
}
