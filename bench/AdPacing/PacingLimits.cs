using OtMz.Grains.Ads;

namespace OtMz.Pacing;

/// <summary>
/// How large a budget a traffic curve can carry within the band: the largest share of the day's requests for which
/// delivery stays within <see cref="Band"/> of the even-spend line at every whole hour and reaches
/// <see cref="EndShare"/> of the budget by the day's end. Measured by bisection on simulated days, and bounded from
/// above for any controller that never grants more than there are requests.
/// </summary>
public static class PacingLimits
{
    public const double Band = 0.10;
    public const double EndShare = 0.98;

    public static bool Holds(PacingResult result) => result.MaxDeviation <= Band && result.EndShare >= EndShare;

    /// <summary>The largest share (to 0.01, between 0.05 and 1) whose simulated day holds, assuming larger shares fail once one does.</summary>
    public static double Simulated(PacingScenario scenario, AdsOptions options)
    {
        double low = 0.05, high = 1.0;
        if (Holds(PacingDay.Run(scenario with { BudgetShare = high }, options)))
        {
            return high;
        }

        while (high - low > 0.005)
        {
            var mid = (low + high) / 2;
            if (Holds(PacingDay.Run(scenario with { BudgetShare = mid }, options)))
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>
    /// The bound no exact controller can beat on the curve's expected traffic: delivery at a whole hour h is at most
    /// what it was at any earlier moment s plus the requests in between, and at s it was at most (1 + band) of the
    /// line, so requests(s, h) ≥ (1 − band)·line(h) − (1 + band)·line(s) must hold for every s before h (with
    /// <see cref="EndShare"/> of the budget at the day's end). The line grows with the budget, so each pair gives a
    /// largest share directly. s runs over minutes; a day of 24 hours.
    /// </summary>
    public static double Bound(TrafficCurve curve)
    {
        const int Minutes = 24 * 60;
        var cumulative = new double[Minutes + 1];
        for (var m = 0; m < Minutes; m++)
        {
            cumulative[m + 1] = cumulative[m] + curve.RateAt((m + 0.5) / 60);
        }

        var total = cumulative[Minutes];
        var best = 1.0;
        for (var h = 1; h <= 24; h++)
        {
            var need = h == 24 ? EndShare : (1 - Band) * h / 24.0;
            for (var s = 0; s < h * 60; s++)
            {
                // share × total × (need − (1 + band) × s / day) ≤ requests between s and h.
                var gap = need - (1 + Band) * s / (double)Minutes;
                if (gap > 0)
                {
                    best = Math.Min(best, (cumulative[h * 60] - cumulative[s]) / (total * gap));
                }
            }
        }

        return best;
    }
}
