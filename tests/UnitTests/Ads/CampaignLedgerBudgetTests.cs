using OtMz.Grains.Ads;
using static OtMz.UnitTests.Ads.LedgerFixture;

namespace OtMz.UnitTests.Ads;

/// <summary>The ledger's budgets are exact: what it grants, what it frees, and what a retry or a late answer changes.</summary>
public class CampaignLedgerBudgetTests
{
    [Fact]
    public void NeverGrantsMoreThanTheTotalBudget()
    {
        var ledger = Ledger(Campaign(total: 10), Unpaced);
        var grants = Enumerable.Range(0, 25).Select(i => ledger.Deliver(T0.AddSeconds(i), $"user-{i}")).ToList();
        Assert.Equal(10, grants.Count(g => g.Granted));
        Assert.All(grants.Skip(10), g => Assert.Equal(AdRefusal.Exhausted, g.Refusal));
        Assert.Equal(10, ledger.State.Confirmed);
        Assert.Equal(0, ledger.Report("ad-test", T0.AddMinutes(1)).RemainingBudget);
    }

    [Fact]
    public void PendingReservationsCountAgainstTheBudgetBeforeAnyConfirm()
    {
        var ledger = Ledger(Campaign(total: 5), Unpaced);
        Assert.Equal(5, ledger.Hold(T0, 8).Count);
        Assert.Equal(AdRefusal.Exhausted, ledger.Reserve(T0, Guid.NewGuid()).Refusal);
        Assert.Equal(0, ledger.State.Confirmed);
        Assert.Equal(5, ledger.Granted);
    }

    [Fact]
    public void NeverGrantsMoreThanTheDailyBudgetAndTheTotalStillBinds()
    {
        var ledger = Ledger(Campaign(total: 7, daily: 4), Unpaced);
        var first = Enumerable.Range(0, 6).Select(i => ledger.Deliver(T0.AddHours(1).AddSeconds(i))).ToList();
        Assert.Equal(4, first.Count(g => g.Granted));
        Assert.All(first.Skip(4), g => Assert.Equal(AdRefusal.DailyExhausted, g.Refusal));

        // The next UTC day has a fresh daily budget, but only three of the total are left.
        var second = Enumerable.Range(0, 6).Select(i => ledger.Deliver(T0.AddDays(1).AddHours(1).AddSeconds(i))).ToList();
        Assert.Equal(3, second.Count(g => g.Granted));
        Assert.All(second.Skip(3), g => Assert.Equal(AdRefusal.Exhausted, g.Refusal));
        Assert.Equal(7, ledger.State.Confirmed);
    }

    [Fact]
    public void ReleaseFreesTheBudgetOfWhatWasNotDelivered()
    {
        var ledger = Ledger(Campaign(total: 4, daily: 4), Unpaced);
        var held = ledger.Hold(T0, 4);
        Assert.Equal(AdRefusal.Exhausted, ledger.Reserve(T0, Guid.NewGuid()).Refusal);

        Assert.Equal(3, ledger.Release(held.Take(3), T0.AddSeconds(1)));
        Assert.Equal(1, ledger.Report("ad-test", T0.AddSeconds(1)).DeliveredToday);
        Assert.Equal(3, ledger.Hold(T0.AddSeconds(2), 5).Count);

        // A second release of the same ids, or of ids never granted, frees nothing more.
        Assert.Equal(0, ledger.Release(held.Take(3).Append(Guid.NewGuid()), T0.AddSeconds(3)));
        Assert.Equal(4, ledger.Granted);
    }

    [Fact]
    public void AnOverdueReservationKeepsItsBudgetUntilItIsSettled()
    {
        var options = new AdsOptions { PacingLookahead = Unpaced.PacingLookahead, ReservationTimeout = TimeSpan.FromSeconds(30) };
        var ledger = Ledger(Campaign(total: 3, daily: 3), options);
        var held = ledger.Hold(T0, 3);
        Assert.Equal(3, held.Count);

        Assert.Empty(ledger.Overdue(T0.AddSeconds(29)));
        Assert.Equal(held.Order(), ledger.Overdue(T0.AddSeconds(30)).Select(o => o.Id).Order());
        Assert.All(ledger.Overdue(T0.AddSeconds(30)), o => Assert.Equal("user-1", o.UserId));

        // Overdue is not free: until the user grain answers, the budget stays taken.
        Assert.Equal(AdRefusal.Exhausted, ledger.Reserve(T0.AddMinutes(5), Guid.NewGuid()).Refusal);

        // Settled: one was delivered after all, one certainly was not; the third is still unanswered.
        Assert.Equal(1, ledger.Confirm([held[0]], T0.AddMinutes(6)));
        Assert.Equal(1, ledger.Release([held[1]], T0.AddMinutes(6)));
        Assert.Equal([held[2]], ledger.Overdue(T0.AddMinutes(6)).Select(o => o.Id));
        Assert.True(ledger.Reserve(T0.AddMinutes(7), Guid.NewGuid()).Granted);
        Assert.Equal(AdRefusal.Exhausted, ledger.Reserve(T0.AddMinutes(7), Guid.NewGuid()).Refusal);
        Assert.Equal(1, ledger.State.Confirmed);
    }

    [Fact]
    public void ExpireReleasesOverdueReservationsWithoutAskingAnyone()
    {
        var ledger = Ledger(Campaign(total: 2, daily: 2), Unpaced);
        Assert.Equal(2, ledger.Hold(T0, 2).Count);
        Assert.Equal(0, ledger.Expire(T0.AddSeconds(29)));
        Assert.Equal(2, ledger.Expire(T0 + new AdsOptions().ReservationTimeout));
        Assert.Equal(0, ledger.Granted);
        Assert.Equal(0, ledger.Report("ad-test", T0.AddMinutes(1)).DeliveredToday);
        Assert.True(ledger.Deliver(T0.AddMinutes(1)).Granted);
    }

    [Fact]
    public void ARetriedReservationIdIsGrantedOnceAndTakesOneImpression()
    {
        var ledger = Ledger(Campaign(total: 2), Unpaced);
        var id = Guid.NewGuid();
        Assert.True(ledger.Reserve(T0, id).Granted);
        Assert.True(ledger.Reserve(T0.AddSeconds(1), id).Granted);
        Assert.True(ledger.Reserve(T0.AddSeconds(2), id).Granted);
        Assert.Equal(1, ledger.Granted);

        Assert.True(ledger.Reserve(T0.AddSeconds(3), Guid.NewGuid()).Granted);
        Assert.Equal(AdRefusal.Exhausted, ledger.Reserve(T0.AddSeconds(4), Guid.NewGuid()).Refusal);
        Assert.Equal(1, ledger.Confirm([id, id], T0.AddSeconds(5)));
        Assert.Equal(1, ledger.State.Confirmed);
    }

    [Fact]
    public void ALateConfirmStillCountsAndAConfirmAfterExpiryDoesNot()
    {
        var ledger = Ledger(Campaign(total: 2), Unpaced);
        var late = Guid.NewGuid();
        var expired = Guid.NewGuid();
        Assert.True(ledger.Reserve(T0, late).Granted);
        Assert.True(ledger.Reserve(T0, expired).Granted);

        // Past the timeout but still pending: the delivery may have happened, so its confirm counts.
        Assert.Equal(1, ledger.Confirm([late], T0.AddMinutes(10)));

        // Once released by expiry the id is unknown, and a confirm of it changes nothing.
        Assert.Equal(1, ledger.Expire(T0.AddMinutes(10)));
        Assert.Equal(0, ledger.Confirm([expired], T0.AddMinutes(11)));
        Assert.Equal(1, ledger.State.Confirmed);
        Assert.Equal(1, ledger.Granted);
        Assert.Single(ledger.Report("ad-test", T0.AddMinutes(11)).ByHour);
        Assert.True(ledger.Deliver(T0.AddMinutes(12)).Granted);
    }

    [Fact]
    public void AConfirmOfAnUnknownIdCountsNothing()
    {
        var ledger = Ledger(Campaign(total: 1), Unpaced);
        Assert.Equal(0, ledger.Confirm([Guid.NewGuid()], T0));
        Assert.Equal(0, ledger.State.Confirmed);
        Assert.True(ledger.Deliver(T0).Granted);
    }

    [Fact]
    public void OnlyALiveConfiguredCampaignIsGranted()
    {
        Assert.Equal(AdRefusal.Unknown, new CampaignLedger(new LedgerState(), Unpaced).Reserve(T0, Guid.NewGuid()).Refusal);
        Assert.Equal(AdRefusal.NotLive, Ledger(Campaign(paused: true), Unpaced).Reserve(T0, Guid.NewGuid()).Refusal);
        Assert.Equal(AdRefusal.NotLive, Ledger(Campaign(starts: T0.AddHours(1)), Unpaced).Reserve(T0, Guid.NewGuid()).Refusal);
        Assert.Equal(AdRefusal.NotLive, Ledger(Campaign(ends: T0), Unpaced).Reserve(T0, Guid.NewGuid()).Refusal);

        var deleted = Ledger(Campaign(), Unpaced);
        Assert.True(deleted.Deliver(T0).Granted);
        deleted.Configure(null);
        Assert.Equal(AdRefusal.Unknown, deleted.Reserve(T0, Guid.NewGuid()).Refusal);
        Assert.Equal(1, deleted.Report("ad-test", T0).Impressions);
    }

    [Fact]
    public void OutUntilSaysWhenTheCampaignCanDeliverAgain()
    {
        var daily = Ledger(Campaign(total: 10, daily: 1, zone: "Asia/Seoul"), Unpaced);
        Assert.Null(daily.OutUntil(T0));
        Assert.True(daily.Deliver(T0).Granted);
        // 09:00 in Seoul: out until the next Seoul midnight, 15:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero), daily.OutUntil(T0));
        Assert.Null(daily.OutUntil(T0.AddHours(15)));

        var total = Ledger(Campaign(total: 1), Unpaced);
        Assert.True(total.Deliver(T0).Granted);
        Assert.Equal(DateTimeOffset.MaxValue, total.OutUntil(T0));
    }
}
