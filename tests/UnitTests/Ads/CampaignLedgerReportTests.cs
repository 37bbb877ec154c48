using OtMz.Grains.Ads;
using static OtMz.UnitTests.Ads.LedgerFixture;

namespace OtMz.UnitTests.Ads;

/// <summary>Clicks, and what the report says: counts, budgets left, each pacing status, and delivery by hour.</summary>
public class CampaignLedgerReportTests
{
    [Fact]
    public void AClickIsCountedOncePerUserAndClickId()
    {
        var ledger = Ledger(Campaign(), Unpaced);
        Assert.Equal(ClickOutcome.Recorded, ledger.Click(new AdClick("c1", "user-1"), T0));
        Assert.Equal(ClickOutcome.Duplicate, ledger.Click(new AdClick("c1", "user-1"), T0.AddSeconds(5)));
        Assert.Equal(ClickOutcome.Duplicate, ledger.Click(new AdClick("c1", "user-1"), T0.AddHours(47)));
        // Click ids are the client's: another user's "c1" is another click.
        Assert.Equal(ClickOutcome.Recorded, ledger.Click(new AdClick("c1", "user-2"), T0.AddHours(47)));
        Assert.Equal(2, ledger.State.Clicks);
    }

    [Fact]
    public void ClickIdsAreForgottenAfter48Hours()
    {
        var ledger = Ledger(Campaign(), Unpaced);
        ledger.Click(new AdClick("old", "user-1"), T0);
        ledger.Click(new AdClick("recent", "user-1"), T0.AddHours(24));

        ledger.Click(new AdClick("new", "user-1"), T0.AddHours(48).AddSeconds(1));
        Assert.Equal(["user-1/new", "user-1/recent"], ledger.State.RecentClicks.Keys.Order());
        Assert.Equal(ClickOutcome.Recorded, ledger.Click(new AdClick("old", "user-1"), T0.AddHours(49)));
        Assert.Equal(4, ledger.State.Clicks);
    }

    [Fact]
    public void TheReportCountsImpressionsClicksAndWhatIsLeft()
    {
        var ledger = Ledger(Campaign(total: 50, daily: 20), Unpaced);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(ledger.Deliver(T0.AddHours(1).AddMinutes(i)).Granted);
        }

        ledger.Hold(T0.AddHours(2), 2);
        ledger.Click(new AdClick("a", "user-1"), T0.AddHours(2));
        ledger.Click(new AdClick("b", "user-2"), T0.AddHours(2));

        var report = ledger.Report("ad-test", T0.AddHours(2));
        Assert.Equal("ad-test", report.CampaignId);
        Assert.Equal(8, report.Impressions);
        Assert.Equal(2, report.Clicks);
        Assert.Equal(0.25, report.Ctr, 9);
        Assert.Equal(2, report.Pending);
        Assert.Equal(40, report.RemainingBudget);
        Assert.Equal(10, report.DeliveredToday);
        Assert.Equal(10, report.RemainingToday);
        Assert.Equal(T0.AddHours(2), report.At);

        var unpaced = Ledger(Campaign(total: 50), Unpaced).Report("ad-test", T0);
        Assert.Equal(0, unpaced.Ctr);
        Assert.Null(unpaced.RemainingToday);
        Assert.Null(unpaced.PacingTarget);
    }

    [Fact]
    public void DeliveryByHourIsInTheCampaignsTimeZone()
    {
        var ledger = Ledger(Campaign(zone: "Asia/Seoul"), Unpaced);
        ledger.Deliver(T0.AddMinutes(30));
        ledger.Deliver(T0.AddMinutes(59));
        ledger.Deliver(T0.AddHours(2).AddMinutes(1));
        ledger.Click(new AdClick("a", "user-1"), T0.AddMinutes(45));

        var hours = ledger.Report("ad-test", T0.AddHours(3)).ByHour;
        Assert.Equal(2, hours.Length);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(9)), hours[0].Hour);
        Assert.Equal(TimeSpan.FromHours(9), hours[0].Hour.Offset);
        Assert.Equal((2, 1), (hours[0].Impressions, hours[0].Clicks));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 11, 0, 0, TimeSpan.FromHours(9)), hours[1].Hour);
        Assert.Equal((1, 0), (hours[1].Impressions, hours[1].Clicks));
    }

    [Fact]
    public void AtMost48HoursAreKept()
    {
        var ledger = Ledger(Campaign(total: 1_000), Unpaced);
        for (var h = 0; h < 50; h++)
        {
            Assert.True(ledger.Deliver(T0.AddHours(h)).Granted);
        }

        var hours = ledger.Report("ad-test", T0.AddHours(50)).ByHour;
        Assert.Equal(CampaignLedger.HoursKept, hours.Length);
        Assert.Equal(T0.AddHours(2), hours[0].Hour);
        Assert.Equal(T0.AddHours(49), hours[^1].Hour);
        Assert.Equal(50, ledger.Report("ad-test", T0.AddHours(50)).Impressions);
    }

    [Fact]
    public void EveryPacingStatus()
    {
        var options = new AdsOptions();
        PacingStatus Status(CampaignLedger ledger, DateTimeOffset at) => ledger.Report("ad-test", at).Pacing;

        Assert.Equal(PacingStatus.Scheduled, Status(Ledger(Campaign(starts: T0.AddDays(1)), options), T0));
        Assert.Equal(PacingStatus.Paused, Status(Ledger(Campaign(paused: true), options), T0));
        Assert.Equal(PacingStatus.Ended, Status(Ledger(Campaign(ends: T0), options), T0));

        var deleted = Ledger(Campaign(), options);
        deleted.Configure(null);
        Assert.Equal(PacingStatus.Deleted, Status(deleted, T0));

        var spent = Ledger(Campaign(total: 1), options);
        spent.Deliver(T0);
        Assert.Equal(PacingStatus.BudgetSpent, Status(spent, T0));

        var dailySpent = Ledger(Campaign(total: 10, daily: 1), options);
        dailySpent.Deliver(T0.AddHours(12));
        Assert.Equal(PacingStatus.DailyBudgetSpent, Status(dailySpent, T0.AddHours(12)));
        Assert.Equal(PacingStatus.Behind, Status(dailySpent, T0.AddDays(1).AddHours(12)));

        // At noon the line stands at 120 of 240: 108 (the line less the 10 % tolerance) is on pace, 107 is behind.
        var paced = Ledger(Campaign(total: 1_000, daily: 240), options);
        var noon = T0.AddHours(12);
        for (var i = 0; i < 107; i++)
        {
            Assert.True(paced.Deliver(noon).Granted);
        }

        var behind = paced.Report("ad-test", noon);
        Assert.Equal(PacingStatus.Behind, behind.Pacing);
        Assert.Equal(120, behind.PacingTarget);
        paced.Deliver(noon);
        Assert.Equal(PacingStatus.OnPace, Status(paced, noon));

        // Without a daily budget or an end there is no line: delivering is on pace.
        var unpaced = Ledger(Campaign(total: 10), options);
        unpaced.Deliver(T0);
        Assert.Equal(PacingStatus.OnPace, Status(unpaced, T0));
    }
}
