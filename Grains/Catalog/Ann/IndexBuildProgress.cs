namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// How far a running <see cref="IvfIndex.Build"/> (and the <see cref="IndexSelfCheck"/> after it) has come: the
/// build reports each step from the thread pool, and <see cref="ShardSearch"/> reads the latest report in the
/// shard's turns for its status. One immutable reading swapped in at a time, so a reader never sees a phase with
/// another phase's fraction; the fraction only grows, whatever order parallel workers report in.
/// </summary>
public sealed class IndexBuildProgress
{
    // Each phase's share of a whole build, in phase order: training and assignment each score every sampled or
    // filed row against every centroid and dominate; the self-check is a few dozen searches.
    private static readonly double[] Shares = [0.05, 0.40, 0.35, 0.15, 0.05];

    private volatile Reading _now = new(CatalogIndexBuildPhase.Normalizing, 0);

    public CatalogIndexBuildPhase Phase => _now.Phase;

    /// <summary>The share of the whole build done, from 0 to 1.</summary>
    public double Fraction => _now.Fraction;

    /// <summary>Records that <paramref name="doneInPhase"/> (0 to 1) of <paramref name="phase"/> is done; an earlier point is ignored.</summary>
    public void Report(CatalogIndexBuildPhase phase, double doneInPhase)
    {
        var index = (int)phase;
        var start = 0.0;
        for (var i = 0; i < index; i++)
        {
            start += Shares[i];
        }

        var next = new Reading(phase, Math.Min(1, start + Shares[index] * Math.Clamp(doneInPhase, 0, 1)));
        var seen = _now;
        while (next.Fraction > seen.Fraction || (next.Fraction == seen.Fraction && next.Phase > seen.Phase))
        {
            var was = Interlocked.CompareExchange(ref _now, next, seen);
            if (ReferenceEquals(was, seen))
            {
                return;
            }

            seen = was;
        }
    }

    private sealed record Reading(CatalogIndexBuildPhase Phase, double Fraction);
}
