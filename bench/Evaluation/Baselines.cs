using OtMz.Grains;
using OtMz.Grains.Taste;

namespace OtMz.Evaluation;

/// <summary>
/// The two offline rules the platform is compared with, replayed on the same users, survey answer and reaction
/// model. Each keeps a plain taste vector, starts from the survey (the strongest true style, one-hot, as the
/// platform's survey also gives) and ranks the user's eligible looks (gender or unisex, the season) by cosine with
/// it, excluding nothing else: that is how the rules ran in the service they come from, and it isolates the taste
/// update from the platform's ranking terms. Looks enter as their raw unit style vectors (no prior correction).
/// </summary>
public static class Baselines
{
    public const string Original = "original (old+new)/2";
    public const string MovingAverage = "moving average 0.85/0.15";

    public static IReadOnlyList<string> Names { get; } = [Original, MovingAverage];

    /// <summary>Moving average rate on a like; a dwell uses it times the dwell weight.</summary>
    public const float Rate = 0.15f;

    public static UserRun Run(string rule, UserTruth truth, int rounds, int k)
    {
        var catalog = truth.Catalog;
        var taste = new float[CatalogTruth.Dimensions];
        taste[truth.User.StrongestStyle] = 1f;
        var observations = new List<ListObservation>(rounds);
        for (var round = 1; round <= rounds; round++)
        {
            var list = TopK(truth, taste, k);
            observations.Add(new ListObservation(round, list, (float[])taste.Clone()));
            foreach (var reaction in ReactionModel.React(truth, round, list))
            {
                Apply(rule, taste, reaction, catalog.Unit(reaction.Look));
            }
        }

        return new UserRun(truth.User, observations);
    }

    /// <summary>
    /// (a) the original rule: t ← (t + s) / 2 on a like, nothing else. (b) the moving average: t ← 0.85·t + 0.15·s on a
    /// like, t ← (1 − 0.15·w)·t + 0.15·w·s on a dwell of at least 500 ms with w the platform's dwell weight; a skip,
    /// dislike, save or colour changes nothing, since the rule as designed only attracts.
    /// </summary>
    public static void Apply(string rule, Span<float> taste, Reaction reaction, ReadOnlySpan<float> look)
    {
        float rate;
        if (rule == Original)
        {
            rate = reaction.Type == SignalType.Like ? 0.5f : 0f;
        }
        else if (rule == MovingAverage)
        {
            rate = reaction.Type switch
            {
                SignalType.Like => Rate,
                SignalType.Dwell when reaction.DwellMs >= 500 => Rate * TasteModel.DwellWeight(reaction.DwellMs.Value),
                _ => 0f,
            };
        }
        else
        {
            throw new ArgumentException($"Unknown rule '{rule}'.", nameof(rule));
        }

        if (rate <= 0)
        {
            return;
        }

        for (var i = 0; i < taste.Length; i++)
        {
            taste[i] = (1 - rate) * taste[i] + rate * look[i];
        }
    }

    /// <summary>The k eligible looks with the highest cosine to <paramref name="taste"/>, ties by catalog order.</summary>
    public static List<int> TopK(UserTruth truth, ReadOnlySpan<float> taste, int k)
    {
        var unit = VectorMath.Normalized(taste);
        var best = new List<(float Score, int Look)>(k + 1);
        foreach (var look in truth.Ordered)
        {
            var score = VectorMath.Dot(unit, truth.Catalog.Unit(look));
            if (best.Count == k && !Better(score, look, best[^1]))
            {
                continue;
            }

            var at = best.Count;
            while (at > 0 && Better(score, look, best[at - 1]))
            {
                at--;
            }

            best.Insert(at, (score, look));
            if (best.Count > k)
            {
                best.RemoveAt(k);
            }
        }

        return [.. best.Select(b => b.Look)];
    }

    private static bool Better(float score, int look, (float Score, int Look) other) =>
        score > other.Score || (score == other.Score && look < other.Look);
}
