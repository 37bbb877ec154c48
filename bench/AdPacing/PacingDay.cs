using OtMz.Grains.Ads;

namespace OtMz.Pacing;

/// <summary>
/// One simulated day of one campaign's ledger (<see cref="CampaignLedger"/>, the same class the ledger grain runs):
/// a clock that steps through the campaign's local day, requests drawn from a <see cref="TrafficCurve"/> at every
/// step, each asking the ledger to reserve an impression and confirming it at once when granted (or, for
/// <see cref="PacingScenario.LostShare"/> of the grants, never answering: the sweep the ledger grain runs every
/// reservation timeout finds them overdue, the user grain says they were not delivered, and they are released). Cumulative
/// delivery is read at every whole hour of the day and compared with the even-spend line. Seeded: the same scenario
/// gives the same day. The bench prints it; tests/UnitTests/Ads/PacingDayTests.cs asserts on it.
/// </summary>
public static class PacingDay
{
    public static PacingResult Run(PacingScenario scenario, AdsOptions options)
    {
        var zone = LocalDay.Find(scenario.TimeZone) ?? throw new ArgumentException($"unknown time zone {scenario.TimeZone}");
        var start = LocalDay.StartOf(scenario.Day, zone);
        var end = LocalDay.StartOf(scenario.Day.AddDays(1), zone);
        var budget = (long)Math.Round(scenario.BudgetShare * ExpectedRequests(scenario, zone, start, end));
        var ledger = new CampaignLedger(new LedgerState(), options);
        ledger.Configure(Campaign(scenario, start, end, budget));

        var rng = new Random(scenario.Seed);
        var refusals = new Dictionary<AdRefusal, long>();
        var hours = new List<HourPoint>();
        long requests = 0;
        long hourRequests = 0;
        var nextHour = start.AddHours(1);
        var period = new PacedPeriod(start, end, budget, Daily: true);
        var noon = LocalTime(scenario.Day, new TimeOnly(12, 0), zone);
        long? deliveredAtNoon = null;
        var nextSweep = start + options.ReservationTimeout;
        for (var now = start; now < end; now += scenario.Step)
        {
            var arrivals = Poisson(rng, Rate(scenario, zone, now + scenario.Step / 2) * scenario.Step.TotalSeconds);
            for (var i = 0; i < arrivals; i++)
            {
                requests++;
                hourRequests++;
                var id = NewGuid(rng);
                var reservation = new AdReservation(id, $"user-{rng.Next(100_000)}");
                var grant = ledger.Reserve(reservation, now);
                if (grant.Refusal is AdRefusal.Exhausted or AdRefusal.DailyExhausted && Settle(ledger, now) > 0)
                {
                    // As the ledger grain does: a refusal for budget first settles the overdue grants, then asks again.
                    grant = ledger.Reserve(reservation, now);
                }

                if (!grant.Granted)
                {
                    refusals[grant.Refusal] = refusals.GetValueOrDefault(grant.Refusal) + 1;
                }
                else if (rng.NextDouble() >= scenario.LostShare)
                {
                    ledger.Confirm([id], now);
                }
            }

            var next = now + scenario.Step;
            if (next >= nextSweep)
            {
                Settle(ledger, next);
                nextSweep += options.ReservationTimeout;
            }

            if (next >= noon && deliveredAtNoon is null)
            {
                deliveredAtNoon = ledger.State.Confirmed;
            }

            if (next >= nextHour || next >= end)
            {
                var at = next >= end ? end : nextHour;
                hours.Add(new HourPoint(hours.Count + 1, TimeZoneInfo.ConvertTime(at, zone), hourRequests, ledger.State.Confirmed, AdPacing.Line(period, at)));
                hourRequests = 0;
                nextHour = nextHour.AddHours(1);
            }
        }

        // The report just before the day ends, while the campaign is still live.
        var report = ledger.Report(scenario.Name, end - TimeSpan.FromSeconds(1));
        return new PacingResult(scenario, budget, requests, deliveredAtNoon ?? 0, hours, refusals, report);
    }

    /// <summary>
    /// The ledger grain's sweep, with the user grains' answer for a lost delivery: every overdue reservation here is
    /// one whose delivery never happened (confirmed ones were confirmed at once), so each is released.
    /// </summary>
    private static int Settle(CampaignLedger ledger, DateTimeOffset now) =>
        ledger.Release(ledger.Overdue(now).Select(o => o.Id).ToList(), now);

    /// <summary>The requests the curve expects over the day: what the budget is a share of.</summary>
    public static double ExpectedRequests(PacingScenario scenario, TimeZoneInfo zone, DateTimeOffset start, DateTimeOffset end)
    {
        var sum = 0.0;
        for (var now = start; now < end; now += scenario.Step)
        {
            sum += Rate(scenario, zone, now + scenario.Step / 2) * scenario.Step.TotalSeconds;
        }

        return sum;
    }

    private static DateTimeOffset LocalTime(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static double Rate(PacingScenario scenario, TimeZoneInfo zone, DateTimeOffset at) =>
        scenario.MeanRate * scenario.Curve.RateAt(TimeZoneInfo.ConvertTime(at, zone).TimeOfDay.TotalHours);

    private static AdCampaign Campaign(PacingScenario scenario, DateTimeOffset start, DateTimeOffset end, long budget)
    {
        var target = new float[StyleTaxonomy.Count];
        target[0] = 1;
        return new AdCampaign(
            scenario.Name, "Simulated campaign", null, "https://example.com/simulated", StyleVector.Create(target),
            TargetGender: null, MinAge: null, MaxAge: null, Regions: [], Bid: 1, TotalBudget: budget, DailyBudget: budget,
            DailyCap: 1, StartsAt: start, EndsAt: end, Paused: false, TimeZone: scenario.TimeZone, LookId: null, ItemSlot: null,
            Revision: 1, CreatedAt: start, UpdatedAt: start);
    }

    /// <summary>A Poisson draw (Knuth's product of uniforms; a normal approximation for large means).</summary>
    private static int Poisson(Random rng, double mean)
    {
        if (mean > 50)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * normal));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = rng.NextDouble(); p > limit; p *= rng.NextDouble())
        {
            k++;
        }

        return k;
    }

    private static Guid NewGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }
}
