using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// An ad campaign as an advertiser's operator defines it: the creative, whom it targets, what it bids, how many
/// impressions it may buy (in total, and per day in its time zone), how often one user may see it per day, and
/// when it runs. The registry (<see cref="IAdCampaignRegistryGrain"/>) keeps definitions; the campaign's ledger
/// (<see cref="IAdLedgerGrain"/>) counts what was delivered against the budgets. <see cref="Revision"/> moves with
/// every edit.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.ad-campaign")]
public sealed record AdCampaign(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? ImageUrl,
    [property: Id(3)] string Link,
    [property: Id(4)] StyleVector TargetStyle,
    [property: Id(5)] Gender? TargetGender,
    [property: Id(6)] int? MinAge,
    [property: Id(7)] int? MaxAge,
    [property: Id(8)] ImmutableArray<string> Regions,
    [property: Id(9)] double Bid,
    [property: Id(10)] long TotalBudget,
    [property: Id(11)] long? DailyBudget,
    [property: Id(12)] int DailyCap,
    [property: Id(13)] DateTimeOffset StartsAt,
    [property: Id(14)] DateTimeOffset? EndsAt,
    [property: Id(15)] bool Paused,
    [property: Id(16)] string TimeZone,
    [property: Id(17)] string? LookId,
    [property: Id(18)] GarmentSlot? ItemSlot,
    [property: Id(19)] long Revision,
    [property: Id(20)] DateTimeOffset CreatedAt,
    [property: Id(21)] DateTimeOffset UpdatedAt)
{
    /// <summary>The time zone of a campaign that names none: the service's home market.</summary>
    public const string DefaultTimeZone = "Asia/Seoul";

    public const int MaxCampaigns = 1_000;

    /// <summary>Whether it may deliver at <paramref name="now"/> by its own settings (budgets and caps aside).</summary>
    public bool IsLiveAt(DateTimeOffset now) => !Paused && StartsAt <= now && (EndsAt is not { } end || now < end);

    /// <summary>What a user is shown of it: never the budgets or the targeting.</summary>
    public AdCreative Creative => new(Id, Title, ImageUrl, Link, LookId, ItemSlot);
}

/// <summary>The part of a campaign a user sees: the banner and where it leads.</summary>
[GenerateSerializer, Immutable, Alias("otmz.ad-creative")]
public sealed record AdCreative(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? ImageUrl,
    [property: Id(3)] string Link,
    [property: Id(4)] string? LookId,
    [property: Id(5)] GarmentSlot? ItemSlot);
