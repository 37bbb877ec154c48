using System.Globalization;
using OtMz.Grains.Ads;
using OtMz.Pacing;

// The pacing simulation: the ledger's controller on simulated days, for several traffic curves and budgets. Not a
// speed benchmark; it runs in seconds. Results and their reading: docs/performance.md, "Ad pacing".
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var settings = PacingSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine(PacingSettings.Usage);
    return 2;
}

var options = new AdsOptions { PacingLead = settings.Lead, PacingLookahead = settings.Lookahead };
Console.WriteLine($"controller: even line, lookahead {options.PacingLookahead.TotalSeconds:0} s, lead {options.PacingLead:0.###}; "
    + $"traffic {settings.Rate:0.##} requests/s on average, {settings.Step.TotalSeconds:0.##} s steps, seed {settings.Seed}, lost deliveries {settings.Lost:0.###}");
Console.WriteLine("deviation: (delivered - line) / line at each whole hour of the local day; noon: share of the budget delivered by local 12:00");
Console.WriteLine();

var results = new List<PacingResult>();
foreach (var scenario in Scenarios(settings))
{
    results.Add(PacingDay.Run(scenario, options));
}

PacingReport.Summary(Console.Out, results);
if (settings.Limits)
{
    Console.WriteLine();
    PacingReport.Limits(Console.Out, settings, options);
}
foreach (var result in results.Where(r => settings.Hours == "all" || settings.Hours == Label(r.Scenario)))
{
    Console.WriteLine();
    PacingReport.ByHour(Console.Out, result);
}

return 0;

static IEnumerable<PacingScenario> Scenarios(PacingSettings settings)
{
    PacingScenario Make(TrafficCurve curve, double share, string zone = AdCampaign.DefaultTimeZone, DateOnly day = default) =>
        new(curve, share, settings.Rate, zone, day, settings.Step, settings.Seed, settings.Lost);

    foreach (var curve in TrafficCurve.All)
    {
        foreach (var share in new[] { 0.1, 0.34, 0.5 })
        {
            yield return Make(curve, share);
        }
    }

    // Days of 23 and 25 hours: the line spreads the budget over the day's real length.
    yield return Make(TrafficCurve.TwoPeaks, 0.3, "America/New_York", new DateOnly(2026, 3, 8));
    yield return Make(TrafficCurve.TwoPeaks, 0.3, "America/New_York", new DateOnly(2026, 11, 1));

    // More budget than the day has requests: no controller can deliver it.
    yield return Make(TrafficCurve.Steady, 1.2);
}

static string Label(PacingScenario s) => s.Name;
