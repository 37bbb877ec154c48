namespace OtMz.Grains.Ads;

/// <summary>What a campaign's ledger persists (storage "ads"): written before every grant is answered.</summary>
[GenerateSerializer, Alias("otmz.ledger-state")]
public sealed class LedgerState
{
    /// <summary>The registry's latest definition; null when the ledger was never configured or the campaign is deleted.</summary>
    [Id(0)] public AdCampaign? Campaign { get; set; }

    [Id(1)] public bool Deleted { get; set; }

    /// <summary>Delivered impressions, over the campaign's life.</summary>
    [Id(2)] public long Confirmed { get; set; }

    /// <summary>Granted and not yet confirmed or released.</summary>
    [Id(3)] public Dictionary<Guid, PendingImpression> Pending { get; set; } = [];

    /// <summary>The local day <see cref="DayGranted"/> counts, in the campaign's time zone.</summary>
    [Id(4)] public DateOnly Day { get; set; }

    /// <summary>Confirmed and pending impressions granted on <see cref="Day"/>.</summary>
    [Id(5)] public long DayGranted { get; set; }

    /// <summary>Delivery per hour (hours since the Unix epoch, UTC), the last <see cref="CampaignLedger.HoursKept"/>.</summary>
    [Id(6)] public SortedDictionary<long, HourCounts> Hours { get; set; } = [];

    [Id(7)] public long Clicks { get; set; }

    /// <summary>Click ids seen recently ("user/click"), with when: a retried click is recognised, not counted again.</summary>
    [Id(8)] public Dictionary<string, DateTimeOffset> RecentClicks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Until when the registry was last told the campaign is out of budget; null when it was told it is not.</summary>
    [Id(9)] public DateTimeOffset? ReportedOutUntil { get; set; }
}

[GenerateSerializer, Immutable, Alias("otmz.pending-impression")]
public sealed record PendingImpression(
    [property: Id(0)] string UserId,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] DateOnly Day);

[GenerateSerializer, Alias("otmz.hour-counts")]
public sealed class HourCounts
{
    [Id(0)] public long Impressions { get; set; }

    [Id(1)] public long Clicks { get; set; }
}
