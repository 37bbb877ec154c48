using OtMz.Grains.Ads;

namespace OtMz.Pacing;

/// <summary>The simulation's tables, as markdown, so that docs/performance.md can take them as printed.</summary>
public static class PacingReport
{
    public static void Summary(TextWriter o, IReadOnlyList<PacingResult> results)
    {
        o.WriteLine("| curve | budget / requests | zone, day | budget | requests | by noon | end of day | max deviation (hour) | refused: paced | daily budget spent | total budget spent | other | status at 23:59:59 |");
        o.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var s = r.Scenario;
            var worst = r.Worst;
            o.WriteLine($"| {s.Curve.Name} | {s.BudgetShare:0.0#} | {s.TimeZone}, {s.Day:yyyy-MM-dd} ({r.Hours.Count} h) | {r.Budget:N0} | {r.Requests:N0} "
                + $"| {(double)r.DeliveredAtNoon / r.Budget:P1} | {r.EndShare:P2} | {worst.Deviation:+0.0%;-0.0%} ({worst.Hour}) "
                + $"| {r.Refused(AdRefusal.Paced):N0} | {r.Refused(AdRefusal.DailyExhausted):N0} | {r.Refused(AdRefusal.Exhausted):N0} "
                + $"| {r.Refused(AdRefusal.NotLive) + r.Refused(AdRefusal.Unknown):N0} | {Wire(r.Report.Pacing)} |");
        }
    }

    public static void ByHour(TextWriter o, PacingResult r)
    {
        o.WriteLine($"{r.Scenario.Name} ({r.Scenario.Curve.Description}), {r.Scenario.TimeZone} {r.Scenario.Day:yyyy-MM-dd}, budget {r.Budget:N0}:");
        o.WriteLine();
        o.WriteLine("| hour | ends at | requests in the hour | delivered (cumulative) | line | deviation |");
        o.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (var h in r.Hours)
        {
            o.WriteLine($"| {h.Hour} | {h.At:HH:mm} | {h.Requests:N0} | {h.Delivered:N0} | {h.Line:N0} | {h.Deviation:+0.0%;-0.0%} |");
        }
    }

    /// <summary>Per curve, the largest budget share that stays within the band: this controller, the plain line (no lead), and the bound.</summary>
    public static void Limits(TextWriter o, PacingSettings settings, AdsOptions options)
    {
        var plain = new AdsOptions { PacingLead = 0, PacingLookahead = options.PacingLookahead };
        o.WriteLine($"largest budget (share of the day's requests) delivered within ±{PacingLimits.Band:P0} of the line at every hour and ≥ {PacingLimits.EndShare:P0} by the end:");
        o.WriteLine();
        o.WriteLine($"| curve | lead {options.PacingLead:0.##} | lead 0 | bound for any exact controller |");
        o.WriteLine("|---|---:|---:|---:|");
        foreach (var curve in TrafficCurve.All)
        {
            var scenario = new PacingScenario(curve, 0, settings.Rate, Step: settings.Step, Seed: settings.Seed, LostShare: settings.Lost);
            o.WriteLine($"| {curve.Name} | {PacingLimits.Simulated(scenario, options):0.00} | {PacingLimits.Simulated(scenario, plain):0.00} | {PacingLimits.Bound(curve):0.00} |");
        }
    }

    private static string Wire(PacingStatus status) => status switch
    {
        PacingStatus.OnPace => "on-pace",
        PacingStatus.DailyBudgetSpent => "daily-budget-spent",
        PacingStatus.BudgetSpent => "budget-spent",
        _ => status.ToString().ToLowerInvariant(),
    };
}
