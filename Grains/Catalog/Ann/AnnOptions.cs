namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// How an <see cref="IvfIndex"/> is shaped and searched. The defaults are the measured ones (docs/performance.md,
/// "Approximate index"); a search is exact whenever the filter admits few rows.
/// </summary>
public sealed record AnnOptions
{
    /// <summary>Inverted lists per square root of the rows at build: 1,000,000 rows get 2,000 lists of about 500.</summary>
    public double ListsPerSqrtRow { get; init; } = 2.0;

    /// <summary>A search scans lists, nearest centroid first, until it has seen this share of the rows the filter admits.</summary>
    public double ProbeShare { get; init; } = 0.06;

    /// <summary>… and at least this many lists, so a query near a list's border sees its neighbours.</summary>
    public int MinProbeLists { get; init; } = 8;

    /// <summary>… and at least this many admitted rows per result asked for.</summary>
    public int MinCandidatesPerResult { get; init; } = 64;

    /// <summary>A filter admitting at most this many rows is answered exactly, by a scan of every list.</summary>
    public int ExactBelowRows { get; init; } = 20_000;

    /// <summary>
    /// … or at most this share of the rows. A selective filter often follows style (workout looks are sporty), so
    /// the cells nearest a query hold few of its rows and probing would have to reach far; scanning every cell's
    /// filter words instead costs a sixteenth of a full scan, plus scoring only the blocks that pass.
    /// </summary>
    public double ExactBelowShare { get; init; } = 0.02;

    /// <summary>Training rows per list for k-means (a sample of the catalog), and the k-means iterations.</summary>
    public int TrainingRowsPerList { get; init; } = 64;

    public int TrainingIterations { get; init; } = 8;

    /// <summary>A list is re-sorted and its tombstones dropped when they, or rows appended since, pass this share of it.</summary>
    public double CompactShare { get; init; } = 0.25;

    /// <summary>Changes since the build, as a share of the rows built, after which <see cref="IvfIndex.NeedsRebuild"/> says to retrain.</summary>
    public double RebuildShare { get; init; } = 0.5;

    public int Seed { get; init; } = 1;

    /// <summary>
    /// Queries the recall self-check of a new index makes (<see cref="IndexSelfCheck"/>) before it takes over, from
    /// sampled looks of the shard; 0 turns the check off.
    /// </summary>
    public int SelfCheckQueries { get; init; } = 32;

    /// <summary>A self-check recall@20 below this is logged as a warning.</summary>
    public double SelfCheckWarnBelow { get; init; } = 0.99;
}
