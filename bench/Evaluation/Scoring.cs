using OtMz.Grains;

namespace OtMz.Evaluation;

/// <summary>One round's figures for one system, averaged over users (coverage is over the users together).</summary>
public sealed record RoundMetrics(
    int Round,
    double PrecisionTop5,
    double PrecisionTop1,
    double Ndcg,
    double NewRelevant,
    double TasteCosine,
    double TopStyleHit,
    double Coverage,
    double IntraListSimilarity,
    double StreetShare,
    double TrueStreetWeight,
    double StreetGap)
{
    /// <summary>The element-wise mean of several seeds' figures for the same round.</summary>
    public static RoundMetrics Mean(IReadOnlyList<RoundMetrics> all) => new(
        all[0].Round,
        all.Average(m => m.PrecisionTop5),
        all.Average(m => m.PrecisionTop1),
        all.Average(m => m.Ndcg),
        all.Average(m => m.NewRelevant),
        all.Average(m => m.TasteCosine),
        all.Average(m => m.TopStyleHit),
        all.Average(m => m.Coverage),
        all.Average(m => m.IntraListSimilarity),
        all.Average(m => m.StreetShare),
        all.Average(m => m.TrueStreetWeight),
        all.Average(m => m.StreetGap));
}

/// <summary>Where a user's learned top style ended when it is none of their true styles.</summary>
public sealed record Drift(string TrueStyles, string LearnedTop, int Users);

/// <summary>
/// Turns runs into <see cref="RoundMetrics"/> with the functions of <see cref="Metrics"/>. "New relevant" is the share
/// of a list that is in the user's true top 5 % and was never in an earlier list of theirs; coverage is cumulative.
/// </summary>
public static class Scoring
{
    public static RoundMetrics[] Score(IReadOnlyList<UserTruth> truths, IReadOnlyList<UserRun> runs, int rounds, int k)
    {
        var byUser = truths.ToDictionary(t => t.User.Id);
        var catalog = truths[0].Catalog;
        var shownToAnyone = new HashSet<int>();
        var result = new RoundMetrics[rounds];
        var seenByUser = runs.ToDictionary(r => r.User.Id, _ => new HashSet<int>());
        for (var round = 1; round <= rounds; round++)
        {
            double p5 = 0, p1 = 0, ndcg = 0, fresh = 0, cosine = 0, hit = 0, ils = 0, street = 0, trueStreet = 0, gap = 0;
            foreach (var run in runs)
            {
                var truth = byUser[run.User.Id];
                var observation = run.Rounds[round - 1];
                var list = observation.Shown;
                var seen = seenByUser[run.User.Id];
                p5 += Metrics.PrecisionAt(list, truth.InTop5, k);
                p1 += Metrics.PrecisionAt(list, truth.InTop1, k);
                ndcg += Metrics.NdcgAt([.. list.Select(truth.Grade)], [.. truth.Ordered.Take(k).Select(truth.Grade)], k);
                fresh += list.Count(l => truth.InTop5(l) && !seen.Contains(l)) / (double)k;
                cosine += Metrics.Cosine(observation.LearnedTaste, truth.Taste);
                hit += Metrics.TopStyleHit(observation.LearnedTaste, run.User.Styles) ? 1 : 0;
                ils += Metrics.IntraListSimilarity([.. list.Select(l => catalog.Unit(l).ToArray())]);
                var share = Metrics.Share(list, catalog.IsStreet);
                street += share;
                trueStreet += truth.TrueStreetWeight;
                gap += Math.Abs(share - truth.TrueStreetWeight);
                seen.UnionWith(list);
                shownToAnyone.UnionWith(list);
            }

            var n = (double)runs.Count;
            result[round - 1] = new RoundMetrics(round, p5 / n, p1 / n, ndcg / n, fresh / n, cosine / n, hit / n,
                Metrics.Coverage(shownToAnyone.Count, catalog.Count), ils / n, street / n, trueStreet / n, gap / n);
        }

        return result;
    }

    /// <summary>The last round's misses of the top style, grouped by the true styles and the learned top style, most common first.</summary>
    public static IReadOnlyList<Drift> Drifts(IEnumerable<UserRun> runs) =>
    [
        .. runs
            .Select(r => (r.User, Learned: CatalogTruth.ArgMax(r.Rounds[^1].LearnedTaste)))
            .Where(x => !x.User.Styles.Contains(x.Learned))
            .GroupBy(x => (True: string.Join("/", x.User.Styles.Select(StyleTaxonomy.KeyOf)), Learned: StyleTaxonomy.KeyOf(x.Learned)))
            .Select(g => new Drift(g.Key.True, g.Key.Learned, g.Count()))
            .OrderByDescending(d => d.Users).ThenBy(d => d.TrueStyles, StringComparer.Ordinal),
    ];

    /// <summary>For each learned top style in the last round, how many users' strongest true style it was, for a style-to-style view of drift.</summary>
    public static IReadOnlyList<Drift> StrongestToLearned(IEnumerable<UserRun> runs) =>
    [
        .. runs
            .Select(r => (True: StyleTaxonomy.KeyOf(r.User.StrongestStyle), Learned: StyleTaxonomy.KeyOf(CatalogTruth.ArgMax(r.Rounds[^1].LearnedTaste))))
            .Where(x => x.True != x.Learned)
            .GroupBy(x => x)
            .Select(g => new Drift(g.Key.True, g.Key.Learned, g.Count()))
            .OrderByDescending(d => d.Users).ThenBy(d => d.TrueStyles, StringComparer.Ordinal),
    ];
}
