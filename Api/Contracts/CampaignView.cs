using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>
/// A campaign as the admin routes return it: the whole definition, its revision (which moves with every change)
/// and when it was created and last changed. Users never see this; they get the creative only (<see cref="AdCreative"/>).
/// </summary>
public sealed record CampaignView(
    string Id,
    string Title,
    string? ImageUrl,
    string Link,
    string? LookId,
    GarmentSlot? ItemSlot,
    StyleVector TargetStyle,
    Gender? TargetGender,
    int? MinAge,
    int? MaxAge,
    ImmutableArray<string> Regions,
    double Bid,
    long TotalBudget,
    long? DailyBudget,
    int DailyCap,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    bool Paused,
    string TimeZone,
    long Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string Path = "/api/v1/ads/campaigns";

    public static CampaignView Of(AdCampaign c) => new(
        c.Id, c.Title, c.ImageUrl, c.Link, c.LookId, c.ItemSlot, c.TargetStyle, c.TargetGender, c.MinAge, c.MaxAge,
        c.Regions.IsDefault ? [] : c.Regions, c.Bid, c.TotalBudget, c.DailyBudget, c.DailyCap, c.StartsAt, c.EndsAt, c.Paused,
        c.TimeZone, c.Revision, c.CreatedAt, c.UpdatedAt);
}

/// <summary>Every campaign not deleted, oldest first.</summary>
public sealed record CampaignList(ImmutableArray<CampaignView> Items);

/// <summary>A click counted, or (<see cref="Duplicate"/>) one with the same click id counted before, so nothing changed.</summary>
public sealed record AdClickView(string CampaignId, string ClickId, bool Duplicate);
