namespace OtMz.Grains.Ads;

/// <summary>Section "Ads": how campaigns are ranked, reserved and paced.</summary>
public sealed class AdsOptions
{
    /// <summary>
    /// How long a ledger holds an impression reserved for a delivery that neither confirms nor releases it (the
    /// user grain's silo died between the two). A user grain never delivers a grant older than half of it, so a
    /// released reservation's impression was never shown.
    /// </summary>
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far ahead of now the pacing line is read: the allowance at a moment is the budget's share of the period
    /// up to now plus this much, so requests right on the line are not refused one by one.
    /// </summary>
    public TimeSpan PacingLookahead { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far delivery may run ahead of the pacing line, as a share of the smaller of the line's distance from the
    /// period's start and from its end: a bank for quiet hours that tapers to nothing at the period's end. It must
    /// stay below the 10 % band the pacing promises (docs/design.md, "Ad pacing").
    /// </summary>
    public double PacingLead { get; set; } = 0.05;

    /// <summary>The share of the line a campaign may fall below before its report says "behind".</summary>
    public double PacingTolerance { get; set; } = 0.1;

    /// <summary>The exponent of the bid in the score: score = cosine × (bid / ReferenceBid)^BidWeight.</summary>
    public double BidWeight { get; set; } = 0.5;

    public double ReferenceBid { get; set; } = 1.0;

    /// <summary>How old a silo's copy of the campaigns may get before a read asks the registry again.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The time zone of a user whose region is not in <see cref="RegionTimeZones"/>: caps count days there.</summary>
    public string DefaultTimeZone { get; set; } = AdCampaign.DefaultTimeZone;

    /// <summary>Region name (as users put it in their profile) to IANA time zone.</summary>
    public Dictionary<string, string> RegionTimeZones { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
