using OtMz.Grains.Ads;

namespace OtMz.UnitTests.Ads;

/// <summary>Campaigns and ledgers for the ledger tests, on a simulated clock: every instant is a value the test picks.</summary>
internal static class LedgerFixture
{
    /// <summary>Monday 7 December 2026, midnight UTC (09:00 in Seoul).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A lookahead of two days: every allowance is the whole budget, so only the budgets say no.</summary>
    public static AdsOptions Unpaced { get; } = new() { PacingLookahead = TimeSpan.FromDays(2) };

    public static AdCampaign Campaign(
        long total = 100,
        long? daily = null,
        DateTimeOffset? starts = null,
        DateTimeOffset? ends = null,
        string zone = "UTC",
        bool paused = false)
    {
        var target = new float[StyleTaxonomy.Count];
        target[0] = 1;
        var start = starts ?? T0.AddYears(-2);
        return new AdCampaign(
            "ad-test", "Test campaign", null, "https://example.com/ad", StyleVector.Create(target),
            TargetGender: null, MinAge: null, MaxAge: null, Regions: [], Bid: 1, TotalBudget: total, DailyBudget: daily,
            DailyCap: 3, StartsAt: start, EndsAt: ends, Paused: paused, TimeZone: zone, LookId: null, ItemSlot: null,
            Revision: 1, CreatedAt: start, UpdatedAt: start);
    }

    public static CampaignLedger Ledger(AdCampaign campaign, AdsOptions? options = null)
    {
        var ledger = new CampaignLedger(new LedgerState(), options ?? new AdsOptions());
        ledger.Configure(campaign);
        return ledger;
    }

    public static AdGrant Reserve(this CampaignLedger ledger, DateTimeOffset now, Guid id, string user = "user-1") =>
        ledger.Reserve(new AdReservation(id, user), now);

    /// <summary>Reserves and confirms one impression for a new id; the grant, whatever it was.</summary>
    public static AdGrant Deliver(this CampaignLedger ledger, DateTimeOffset now, string user = "user-1")
    {
        var id = Guid.NewGuid();
        var grant = ledger.Reserve(now, id, user);
        if (grant.Granted)
        {
            Assert.Equal(1, ledger.Confirm([id], now));
        }

        return grant;
    }

    /// <summary>Reserves without confirming, <paramref name="count"/> times; the ids granted.</summary>
    public static List<Guid> Hold(this CampaignLedger ledger, DateTimeOffset now, int count)
    {
        var held = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            if (ledger.Reserve(now, id).Granted)
            {
                held.Add(id);
            }
        }

        return held;
    }

    public static TimeZoneInfo Zone(string id) => LocalDay.Find(id) ?? throw new InvalidOperationException($"this machine lacks the time zone {id}");
}
