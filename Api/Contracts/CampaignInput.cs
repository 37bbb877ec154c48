using System.Collections.Immutable;
using System.ComponentModel;

namespace OtMz.Api.Contracts;

/// <summary>
/// The body of POST /ads/campaigns and of PATCH /ads/campaigns/{id}. On a create, the fields a campaign needs
/// (title, link, targetStyle, totalBudget) must be there; on a change, every field left out (or null) keeps its
/// value. The registry checks the result as a whole and names the fields at fault (<c>CampaignRules</c>).
/// </summary>
[Description("An ad campaign: the creative (title, imageUrl, link, optionally a catalog look and one of its garments), a target style vector, targeting by gender, age and region, a bid, budgets in impressions, a daily frequency cap per user, a window, a paused flag and the time zone its days count in. On a change, fields left out keep their values.")]
public sealed record CampaignInput(
    string? Id,
    string? Title,
    string? ImageUrl,
    string? Link,
    string? LookId,
    GarmentSlot? ItemSlot,
    [property: Description("23 non-negative weights in the order of GET /api/v1/styles, not all zero.")] float[]? TargetStyle,
    Gender? TargetGender,
    int? MinAge,
    int? MaxAge,
    string?[]? Regions,
    double? Bid,
    [property: Description("The budget in impressions.")] long? TotalBudget,
    [property: Description("At most this many impressions per day in the campaign's time zone; at most the total budget.")] long? DailyBudget,
    [property: Description("At most this many impressions per user per day, 1 or more (default 3).")] int? DailyCap,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    bool? Paused,
    [property: Description("An IANA time zone (default Asia/Seoul): where the campaign's days, for the daily budget, begin.")] string? TimeZone)
{
    private static readonly CampaignInput Nothing = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /// <summary>Whether the body names no field at all: a change of nothing.</summary>
    public bool IsEmpty => this == Nothing;

    public CampaignDraft ToDraft() => new(
        Id,
        Title,
        ImageUrl,
        Link,
        TargetStyle is null ? null : ImmutableArray.Create(TargetStyle),
        TargetGender,
        MinAge,
        MaxAge,
        Regions is null ? null : [.. Regions.Select(r => r!)],
        Bid,
        TotalBudget,
        DailyBudget,
        DailyCap,
        StartsAt,
        EndsAt,
        Paused,
        TimeZone,
        LookId,
        ItemSlot);
}

/// <summary>The body of POST /ads/{id}/click: the client's own id for the click, which makes a retry the same click.</summary>
[Description("A click on a delivered ad; clickId (an id the client makes up per click) makes a retried click count once.")]
public sealed record AdClickInput(string? ClickId);
