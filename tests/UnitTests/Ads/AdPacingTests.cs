using OtMz.Grains.Ads;
using static OtMz.UnitTests.Ads.LedgerFixture;

namespace OtMz.UnitTests.Ads;

/// <summary>The controller's arithmetic: which period a campaign is paced over, the line, and the allowance with its lead.</summary>
public class AdPacingTests
{
    private static readonly PacedPeriod Day = new(T0, T0.AddDays(1), 2_400, Daily: true);

    [Fact]
    public void ADailyBudgetIsPacedOverTodayInsideTheWindow()
    {
        var seoul = Zone("Asia/Seoul");
        var campaign = Campaign(total: 10_000, daily: 500, zone: "Asia/Seoul");
        var period = AdPacing.PeriodOf(campaign, T0, seoul)!.Value;
        Assert.Equal((new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(9)), new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.FromHours(9))), (period.Start, period.End));
        Assert.Equal((500, true), (period.Budget, period.Daily));

        // A window that starts and ends inside the day narrows the period to it.
        var narrow = campaign with { StartsAt = T0.AddHours(-1), EndsAt = T0.AddHours(2) };
        var inside = AdPacing.PeriodOf(narrow, T0, seoul)!.Value;
        Assert.Equal((T0.AddHours(-1), T0.AddHours(2)), (inside.Start, inside.End));
    }

    [Fact]
    public void ATotalBudgetIsPacedOverAWindowWithAnEndAndOtherwiseNotAtAll()
    {
        var utc = TimeZoneInfo.Utc;
        var windowed = Campaign(total: 700, starts: T0, ends: T0.AddDays(7));
        Assert.Equal(new PacedPeriod(T0, T0.AddDays(7), 700, Daily: false), AdPacing.PeriodOf(windowed, T0.AddDays(3), utc));
        Assert.Null(AdPacing.PeriodOf(Campaign(total: 700), T0, utc));
    }

    [Fact]
    public void TheLineRisesEvenlyFromNothingToTheBudget()
    {
        Assert.Equal(0, AdPacing.Line(Day, T0.AddHours(-1)));
        Assert.Equal(0, AdPacing.Line(Day, T0));
        Assert.Equal(100, AdPacing.Line(Day, T0.AddHours(1)), 9);
        Assert.Equal(1_200, AdPacing.Line(Day, T0.AddHours(12)), 9);
        Assert.Equal(2_400, AdPacing.Line(Day, T0.AddDays(2)));
    }

    [Fact]
    public void TheAllowanceIsTheLineAheadPlusATaperingLead()
    {
        var lookahead = TimeSpan.FromMinutes(6);
        Assert.Equal(0, AdPacing.Allowance(Day, T0.AddTicks(-1), lookahead, 0.05));
        // At the start the line ahead is 10 and the lead 5 % of it.
        Assert.Equal(11, AdPacing.Allowance(Day, T0, lookahead, 0.05));
        // At 06:00 the line ahead is 610: 641 with the lead (640.5 rounded up).
        Assert.Equal(641, AdPacing.Allowance(Day, T0.AddHours(6), lookahead, 0.05));
        // At 18:00 the line ahead is 1,810 and 590 to go: 1,840 (1,839.5 rounded up).
        Assert.Equal(1_840, AdPacing.Allowance(Day, T0.AddHours(18), lookahead, 0.05));
        // The lead is gone by the end, and nothing is ever allowed beyond the budget.
        Assert.Equal(2_400, AdPacing.Allowance(Day, T0.AddDays(1) - lookahead, lookahead, 0.05));
        Assert.Equal(2_400, AdPacing.Allowance(Day, T0.AddDays(3), lookahead, 0.5));
        Assert.Equal(610, AdPacing.Allowance(Day, T0.AddHours(6), lookahead, 0));
    }

    [Fact]
    public void AtLeastOneImpressionIsAllowedOnceThePeriodBegins()
    {
        var tiny = new PacedPeriod(T0, T0.AddDays(1), 3, Daily: true);
        Assert.Equal(1, AdPacing.Allowance(tiny, T0, TimeSpan.Zero, 0));
        Assert.Equal(2, AdPacing.Allowance(tiny, T0.AddHours(8).AddTicks(1), TimeSpan.Zero, 0));
    }

    [Fact]
    public void TheAllowanceNeverFallsAsTimeGoesOnAndStaysWithinTheBandOfTheLine()
    {
        var options = new AdsOptions();
        var big = new PacedPeriod(T0, T0.AddDays(1), 100_000, Daily: true);
        long previous = 0;
        for (var at = T0; at <= big.End; at += TimeSpan.FromMinutes(7))
        {
            var allowance = AdPacing.Allowance(big, at, options.PacingLookahead, options.PacingLead);
            Assert.True(allowance >= previous, $"{at:O}: {allowance} < {previous}");
            previous = allowance;
            if (at - T0 >= TimeSpan.FromHours(1))
            {
                // The defaults leave the allowance inside the 10 % band from the first whole hour on.
                Assert.InRange(allowance, AdPacing.Line(big, at), 1.1 * AdPacing.Line(big, at));
            }
        }
    }
}
