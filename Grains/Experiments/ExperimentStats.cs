using System.Collections.Immutable;

namespace OtMz.Grains.Experiments;

/// <summary>
/// The report's 95 % intervals. A rate per impression (likes, saves, dislikes, skips) gets the Wilson score
/// interval, which stays inside [0, 1] and is sound for small counts and rates near 0; the difference of two rates
/// gets Newcombe's hybrid interval built from the two Wilson intervals. Mean dwell per impression (seconds, an
/// impression without a dwell counting 0) gets the normal interval from its sample variance; the difference of two
/// means gets Welch's normal interval. Impressions are treated as independent, which repeated deliveries of one
/// list to one user are not quite, so the intervals are somewhat narrow for users who reload often.
/// </summary>
public static class ExperimentStats
{
    /// <summary>The 97.5th percentile of the standard normal distribution.</summary>
    public const double Z = 1.959963984540054;

    public static readonly string[] Rates = ["likes", "saves", "dislikes", "skips"];

    public const string Dwell = "dwellSecondsPerImpression";

    /// <summary>The Wilson score interval for <paramref name="successes"/> of <paramref name="trials"/>; (0, 0, 1) without trials.</summary>
    public static (double Rate, double Low, double High) Wilson(long successes, long trials)
    {
        if (trials <= 0)
        {
            return (0, 0, 1);
        }

        var n = (double)trials;
        var p = Math.Clamp(successes / n, 0, 1);
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = Z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return (p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>The mean of <paramref name="count"/> values from their sum and sum of squares, with its normal interval.</summary>
    public static (double Mean, double Low, double High, double Variance) Mean(double sum, double sumOfSquares, long count)
    {
        if (count <= 0)
        {
            return (0, 0, 0, 0);
        }

        var mean = sum / count;
        var variance = count > 1 ? Math.Max(0, (sumOfSquares - count * mean * mean) / (count - 1)) : 0;
        var half = Z * Math.Sqrt(variance / count);
        return (mean, mean - half, mean + half, variance);
    }

    /// <summary>The metrics of one variant's counts, in the report's order.</summary>
    public static ImmutableArray<MetricEstimate> Estimates(VariantCounts counts)
    {
        var builder = ImmutableArray.CreateBuilder<MetricEstimate>(Rates.Length + 1);
        foreach (var rate in Rates)
        {
            var (p, low, high) = Wilson(CountOf(counts, rate), counts.Impressions);
            builder.Add(new MetricEstimate(rate, p, low, high, "wilson"));
        }

        var (mean, meanLow, meanHigh, _) = Mean(counts.DwellSeconds, counts.DwellSecondsSquared, counts.Impressions);
        builder.Add(new MetricEstimate(Dwell, mean, meanLow, meanHigh, "normal"));
        return builder.MoveToImmutable();
    }

    /// <summary>Each metric of <paramref name="variant"/> minus the same of <paramref name="baseline"/>, with its interval.</summary>
    public static ImmutableArray<MetricEstimate> Differences(VariantCounts variant, VariantCounts baseline)
    {
        var builder = ImmutableArray.CreateBuilder<MetricEstimate>(Rates.Length + 1);
        foreach (var rate in Rates)
        {
            var (p1, l1, u1) = Wilson(CountOf(variant, rate), variant.Impressions);
            var (p0, l0, u0) = Wilson(CountOf(baseline, rate), baseline.Impressions);
            var d = p1 - p0;
            builder.Add(new MetricEstimate(rate, d,
                d - Math.Sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0)),
                d + Math.Sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0)), "newcombe"));
        }

        var (m1, _, _, v1) = Mean(variant.DwellSeconds, variant.DwellSecondsSquared, variant.Impressions);
        var (m0, _, _, v0) = Mean(baseline.DwellSeconds, baseline.DwellSecondsSquared, baseline.Impressions);
        var half = Z * Math.Sqrt((variant.Impressions > 0 ? v1 / variant.Impressions : 0) + (baseline.Impressions > 0 ? v0 / baseline.Impressions : 0));
        builder.Add(new MetricEstimate(Dwell, m1 - m0, m1 - m0 - half, m1 - m0 + half, "welch"));
        return builder.MoveToImmutable();
    }

    private static long CountOf(VariantCounts counts, string rate) => rate switch
    {
        "likes" => counts.Likes,
        "saves" => counts.Saves,
        "dislikes" => counts.Dislikes,
        "skips" => counts.Skips,
        _ => throw new ArgumentOutOfRangeException(nameof(rate), rate, "Not a rate of the report."),
    };
}
