using OtMz.Grains;

namespace OtMz.Evaluation;

/// <summary>The metric functions, pure and separately tested; <see cref="Scoring"/> applies them to runs.</summary>
public static class Metrics
{
    /// <summary>The share of the first <paramref name="k"/> places that hold a relevant look (a short list counts its empty places as misses).</summary>
    public static double PrecisionAt(IReadOnlyList<int> list, Func<int, bool> relevant, int k)
    {
        if (k <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k));
        }

        return list.Take(k).Count(relevant) / (double)k;
    }

    /// <summary>DCG@k with gains 2^g − 1 and a log2(position + 1) discount, over the ideal list's; 0 when nothing is relevant.</summary>
    public static double NdcgAt(IReadOnlyList<int> grades, IReadOnlyList<int> idealGrades, int k)
    {
        var ideal = Dcg(idealGrades.OrderByDescending(g => g).Take(k).ToList());
        return ideal <= 0 ? 0 : Dcg(grades.Take(k).ToList()) / ideal;
    }

    private static double Dcg(IReadOnlyList<int> grades)
    {
        var sum = 0.0;
        for (var i = 0; i < grades.Count; i++)
        {
            sum += (Math.Pow(2, grades[i]) - 1) / Math.Log2(i + 2);
        }

        return sum;
    }

    /// <summary>Mean cosine over all pairs of the list's looks (unit vectors); 0 for fewer than two looks.</summary>
    public static double IntraListSimilarity(IReadOnlyList<float[]> units)
    {
        var pairs = 0;
        var sum = 0.0;
        for (var i = 0; i < units.Count; i++)
        {
            for (var j = i + 1; j < units.Count; j++)
            {
                sum += Cosine(units[i], units[j]);
                pairs++;
            }
        }

        return pairs == 0 ? 0 : sum / pairs;
    }

    /// <summary>Distinct looks shown over the catalog's size.</summary>
    public static double Coverage(int distinctShown, int catalogSize) =>
        catalogSize <= 0 ? throw new ArgumentOutOfRangeException(nameof(catalogSize)) : Math.Min(1.0, distinctShown / (double)catalogSize);

    /// <summary>Cosine similarity; 0 when either vector is zero.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var na = VectorMath.Norm(a);
        var nb = VectorMath.Norm(b);
        return na <= 0 || nb <= 0 ? 0 : Math.Clamp(VectorMath.Dot(a, b) / (na * nb), -1.0, 1.0);
    }

    /// <summary>Whether the learned taste's strongest style (lowest index on a tie) is one of the true styles.</summary>
    public static bool TopStyleHit(ReadOnlySpan<float> learned, IReadOnlyCollection<int> trueStyles) =>
        trueStyles.Contains(CatalogTruth.ArgMax(learned));

    /// <summary>The share of the list whose looks satisfy <paramref name="isStreet"/>; 0 for an empty list.</summary>
    public static double Share(IReadOnlyList<int> list, Func<int, bool> isStreet) =>
        list.Count == 0 ? 0 : list.Count(isStreet) / (double)list.Count;
}
