using OtMz.Grains.Ads;
using static OtMz.UnitTests.Ads.LedgerFixture;

namespace OtMz.UnitTests.Ads;

/// <summary>Daily budgets count calendar days in the campaign's time zone, including days of 23 and 25 hours.</summary>
public class CampaignLedgerDayTests
{
    private static readonly DateTimeOffset SeoulMidnight = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);

    /// <summary>Spends a daily budget of two just before <paramref name="midnight"/>, then asks at the last second and at midnight.</summary>
    private static (AdGrant LastSecond, AdGrant AtMidnight) AcrossMidnight(string zone, DateTimeOffset midnight)
    {
        var ledger = Ledger(Campaign(total: 100, daily: 2, zone: zone), Unpaced);
        Assert.True(ledger.Deliver(midnight.AddMinutes(-10)).Granted);
        Assert.True(ledger.Deliver(midnight.AddMinutes(-5)).Granted);
        return (ledger.Deliver(midnight.AddSeconds(-1)), ledger.Deliver(midnight));
    }

    [Fact]
    public void ADailyBudgetRollsOverAtMidnightInSeoul()
    {
        var (lastSecond, atMidnight) = AcrossMidnight("Asia/Seoul", SeoulMidnight);
        Assert.Equal(AdRefusal.DailyExhausted, lastSecond.Refusal);
        Assert.True(atMidnight.Granted);
    }

    [Fact]
    public void TheSameInstantsAreOneDayInUtc()
    {
        // 15:00 UTC is Seoul's midnight, not UTC's: the budget stays spent until 00:00 UTC.
        var ledger = Ledger(Campaign(total: 100, daily: 2, zone: "UTC"), Unpaced);
        Assert.True(ledger.Deliver(SeoulMidnight.AddMinutes(-10)).Granted);
        Assert.True(ledger.Deliver(SeoulMidnight.AddMinutes(-5)).Granted);
        Assert.Equal(AdRefusal.DailyExhausted, ledger.Deliver(SeoulMidnight).Refusal);

        var (lastSecond, atMidnight) = AcrossMidnight("UTC", T0.AddDays(1));
        Assert.Equal(AdRefusal.DailyExhausted, lastSecond.Refusal);
        Assert.True(atMidnight.Granted);
    }

    [Fact]
    public void InNewYorkTheDayOfTheSpringChangeEndsAtMidnightDaylightTime()
    {
        // 8 March 2026 starts at 05:00 UTC (EST) and ends at 04:00 UTC the next day (EDT): 23 hours.
        var zone = Zone("America/New_York");
        var (start, end) = LocalDay.Bounds(new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero), zone);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 4, 0, 0, TimeSpan.Zero), end);

        var (lastSecond, atMidnight) = AcrossMidnight("America/New_York", end);
        Assert.Equal(AdRefusal.DailyExhausted, lastSecond.Refusal);
        Assert.True(atMidnight.Granted);
    }

    [Fact]
    public void InNewYorkTheDayOfTheAutumnChangeLasts25Hours()
    {
        var zone = Zone("America/New_York");
        var (start, end) = LocalDay.Bounds(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), zone);
        Assert.Equal(TimeSpan.FromHours(25), end - start);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero), end);

        // One hour after the UTC offset changed, it is still 1 November in New York.
        var (lastSecond, atMidnight) = AcrossMidnight("America/New_York", end);
        Assert.Equal(AdRefusal.DailyExhausted, lastSecond.Refusal);
        Assert.True(atMidnight.Granted);
    }

    [Fact]
    public void ADailyBudgetIsPacedOverTheWholeLocalDay()
    {
        var zone = Zone("America/New_York");
        var campaign = Campaign(total: 1_000, daily: 230, zone: "America/New_York");
        var noonUtc = new DateTimeOffset(2026, 3, 8, 17, 0, 0, TimeSpan.Zero);
        var period = AdPacing.PeriodOf(campaign, noonUtc, zone)!.Value;
        Assert.Equal(TimeSpan.FromHours(23), period.End - period.Start);
        Assert.True(period.Daily);
        // Twelve of the day's 23 hours have passed at 17:00 UTC (13:00 EDT).
        Assert.Equal(120, AdPacing.Line(period, noonUtc), 6);
    }

    [Fact]
    public void AReservationFromYesterdayReleasedTodayDoesNotFreeTodaysBudget()
    {
        var ledger = Ledger(Campaign(total: 100, daily: 1, zone: "Asia/Seoul"), Unpaced);
        var yesterday = Guid.NewGuid();
        Assert.True(ledger.Reserve(SeoulMidnight.AddSeconds(-10), yesterday).Granted);
        Assert.True(ledger.Deliver(SeoulMidnight.AddSeconds(10)).Granted);

        // Yesterday's reservation is settled as not delivered after midnight: today's one impression is still taken.
        Assert.Equal(1, ledger.Release([yesterday], SeoulMidnight.AddSeconds(25)));
        Assert.Equal(AdRefusal.DailyExhausted, ledger.Deliver(SeoulMidnight.AddSeconds(30)).Refusal);
        var report = ledger.Report("ad-test", SeoulMidnight.AddSeconds(30));
        Assert.Equal(1, report.DeliveredToday);
        Assert.Equal(0, report.RemainingToday);
    }

    [Fact]
    public void ADayWhoseMidnightIsSkippedStartsAtTheFirstLocalTimeThatExists()
    {
        // Chile moves its clocks from 00:00 to 01:00 on 6 September 2026: that day starts at 01:00 (UTC-3).
        var zone = Zone("America/Santiago");
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), LocalDay.StartOf(new DateOnly(2026, 9, 6), zone));
        Assert.Equal(new DateOnly(2026, 9, 6), LocalDay.Of(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), zone));
        Assert.Equal(new DateOnly(2026, 9, 5), LocalDay.Of(new DateTimeOffset(2026, 9, 6, 3, 59, 59, TimeSpan.Zero), zone));
    }

    [Fact]
    public void AnUnknownZoneIsNotFound()
    {
        Assert.Null(LocalDay.Find("Mars/Olympus_Mons"));
        Assert.NotNull(LocalDay.Find("Asia/Seoul"));
    }
}
