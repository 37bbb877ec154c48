using System.Collections.Immutable;
using System.Globalization;

namespace OtMz.Grains.Outfits;

/// <summary>
/// Why a composed outfit (or a suggested piece) ranks where it does, in the platform's <see cref="Reason"/> shape. A
/// term's contribution is its weight × (its value − its mean over the candidates the pick was chosen from) / the sum of
/// the weights: how much of the score gap to an average candidate the term explains. Style, taste and occasion are
/// named only when they lift the pick, a repeat only when it holds the pick down, and colour, weather, freshness and
/// feedback either way; a term must move the score by at least <see cref="MinContribution"/>, and at most
/// <see cref="MaxReasons"/> are kept, strongest first. Kinds: style, colour, weather, occasion, fresh, repeat, liked.
/// </summary>
public static class OutfitReasons
{
    public const int MaxReasons = 3;

    /// <summary>The least share of the score a term must explain to be named: below it nothing a user could see differs.</summary>
    public const float MinContribution = 0.005f;

    private enum Direction
    {
        Up,
        Down,
        Either,
    }

    private static readonly Direction[] Directions =
        [Direction.Up, Direction.Up, Direction.Either, Direction.Either, Direction.Up, Direction.Either, Direction.Down, Direction.Either];

    /// <summary>The mean of each term over <paramref name="terms"/>, the baseline contributions are measured from.</summary>
    public static OutfitTerms Means(IEnumerable<OutfitTerms> terms)
    {
        Span<float> sum = stackalloc float[OutfitTerms.Count];
        sum.Clear();
        var n = 0;
        foreach (var t in terms)
        {
            for (var k = 0; k < OutfitTerms.Count; k++)
            {
                sum[k] += t.Get(k);
            }

            n++;
        }

        if (n == 0)
        {
            return default;
        }

        return new OutfitTerms(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n, sum[4] / n, sum[5] / n, sum[6] / n, sum[7] / n);
    }

    internal static ImmutableArray<Reason> Explain(OutfitScorer scorer, ReadOnlySpan<int> set, in OutfitTerms terms, in OutfitTerms baseline)
    {
        var weights = scorer.Weights;
        var sum = weights.Sum;
        if (!(sum > 0))
        {
            return [];
        }

        Span<(int Term, float Contribution)> named = stackalloc (int, float)[OutfitTerms.Count];
        var count = 0;
        for (var t = 0; t < OutfitTerms.Count; t++)
        {
            // Without a taste or an occasion the term is constant: nothing to say about it.
            if ((t == 1 && scorer.TasteUnit is null) || (t == 4 && scorer.Occasion is null))
            {
                continue;
            }

            var contribution = weights.Get(t) * (terms.Get(t) - baseline.Get(t)) / sum;
            var allowed = Directions[t] switch
            {
                Direction.Up => contribution >= MinContribution,
                Direction.Down => contribution <= -MinContribution,
                _ => MathF.Abs(contribution) >= MinContribution,
            };

            if (allowed)
            {
                named[count++] = (t, contribution);
            }
        }

        var ordered = named[..count];
        ordered.Sort((x, y) => MathF.Abs(y.Contribution).CompareTo(MathF.Abs(x.Contribution)) is var c and not 0 ? c : x.Term.CompareTo(y.Term));
        var reasons = ImmutableArray.CreateBuilder<Reason>(Math.Min(MaxReasons, count));
        foreach (var (term, contribution) in ordered[..Math.Min(MaxReasons, count)])
        {
            reasons.Add(ReasonOf(scorer, set, term, contribution));
        }

        return reasons.MoveToImmutable();
    }

    private static Reason ReasonOf(OutfitScorer scorer, ReadOnlySpan<int> set, int term, float contribution)
    {
        switch (term)
        {
            case 0:
            {
                var style = StyleTaxonomy.KeyOf(Dominant(scorer, set, null));
                return new Reason("style", style, contribution, $"Pieces that share a {style} style");
            }

            case 1:
            {
                var style = StyleTaxonomy.KeyOf(Dominant(scorer, set, scorer.TasteUnit));
                return new Reason("style", style, contribution, $"Matches your {style} taste");
            }

            case 2:
            {
                var verdict = scorer.ColourVerdictOf(set);
                return new Reason("colour", verdict.Relation.ToString().ToLowerInvariant(), contribution, verdict.Text);
            }

            case 3:
                return new Reason("weather", WarmthFit.IsRainy(scorer.Precipitation) ? "rain" : null, contribution, WeatherText(scorer, set, contribution));

            case 4:
            {
                var occasion = OccasionFit.NameOf(scorer.Occasion!.Value);
                return new Reason("occasion", occasion, contribution, $"Suits {occasion}");
            }

            case 5:
                return new Reason("fresh", null, contribution, contribution > 0 ? "Pieces you have not worn lately" : WornLatelyText(scorer, set));

            case 6:
            {
                scorer.Repeat(set, out var age);
                return new Reason("repeat", null, contribution, $"Much like an outfit you wore {Ago(age)}");
            }

            default:
                return new Reason("liked", null, contribution,
                    contribution > 0 ? "Pieces you liked together before" : "Pieces you disliked together before");
        }
    }

    /// <summary>The style the pieces share most, weighted by <paramref name="taste"/> when one is given.</summary>
    private static int Dominant(OutfitScorer scorer, ReadOnlySpan<int> set, float[]? taste)
    {
        var best = 0;
        var bestValue = float.NegativeInfinity;
        for (var s = 0; s < StyleTaxonomy.Count; s++)
        {
            var value = 0f;
            foreach (var i in set)
            {
                value += scorer.Pieces[i].Unit[s];
            }

            value *= taste?[s] ?? 1f;
            if (value > bestValue)
            {
                (best, bestValue) = (s, value);
            }
        }

        return best;
    }

    private static string WeatherText(OutfitScorer scorer, ReadOnlySpan<int> set, float contribution)
    {
        var degrees = EmptyReasons.Degrees(scorer.Temperature);
        var rainy = WarmthFit.IsRainy(scorer.Precipitation);
        var layers = 0f;
        var hasOuter = false;
        foreach (var i in set)
        {
            var p = scorer.Pieces[i];
            layers += WarmthFit.LayerWarmth(p.Slot, p.Source.Warmth);
            hasOuter |= p.Slot == GarmentSlot.Outer;
        }

        if (contribution > 0)
        {
            return rainy && hasOuter ? $"Ready for {degrees} and rain"
                : scorer.Temperature < OutfitRules.OuterBelowC ? $"Warm enough for {degrees}"
                : scorer.Temperature >= 22 ? $"Light enough for {degrees}"
                : $"Right for {degrees}";
        }

        if (rainy && !hasOuter)
        {
            return $"No outer for the rain at {degrees}";
        }

        return layers < WarmthFit.Target(scorer.Temperature, scorer.Precipitation)
            ? $"On the light side for {degrees}"
            : $"On the warm side for {degrees}";
    }

    private static string WornLatelyText(OutfitScorer scorer, ReadOnlySpan<int> set)
    {
        OutfitScorer.Piece? latest = null;
        foreach (var i in set)
        {
            var p = scorer.Pieces[i];
            if (p.DaysSinceWorn is { } d && (latest?.DaysSinceWorn is not { } l || d < l))
            {
                latest = p;
            }
        }

        return latest is null ? "Pieces you wore lately" : $"{latest.Source.Describe()} was worn {Ago(latest.DaysSinceWorn!.Value)}";
    }

    private static string Ago(int days) => days switch
    {
        <= 0 => "today",
        1 => "yesterday",
        _ => string.Create(CultureInfo.InvariantCulture, $"{days} days ago"),
    };
}
