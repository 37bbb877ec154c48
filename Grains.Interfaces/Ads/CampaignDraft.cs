using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// What an operator sends to create a campaign, or to change one: on a change every field left null keeps its
/// value. The registry checks the result as a whole (<c>CampaignRules</c>), so a change that would leave a
/// campaign inconsistent (a window ending before it starts) is refused whichever field moved.
/// <see cref="TargetStyle"/> is raw so that a wrong length or a NaN is reported, not thrown.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.campaign-draft")]
public sealed record CampaignDraft(
    [property: Id(0)] string? Id = null,
    [property: Id(1)] string? Title = null,
    [property: Id(2)] string? ImageUrl = null,
    [property: Id(3)] string? Link = null,
    [property: Id(4)] ImmutableArray<float>? TargetStyle = null,
    [property: Id(5)] Gender? TargetGender = null,
    [property: Id(6)] int? MinAge = null,
    [property: Id(7)] int? MaxAge = null,
    [property: Id(8)] ImmutableArray<string>? Regions = null,
    [property: Id(9)] double? Bid = null,
    [property: Id(10)] long? TotalBudget = null,
    [property: Id(11)] long? DailyBudget = null,
    [property: Id(12)] int? DailyCap = null,
    [property: Id(13)] DateTimeOffset? StartsAt = null,
    [property: Id(14)] DateTimeOffset? EndsAt = null,
    [property: Id(15)] bool? Paused = null,
    [property: Id(16)] string? TimeZone = null,
    [property: Id(17)] string? LookId = null,
    [property: Id(18)] GarmentSlot? ItemSlot = null);

/// <summary>Why a command on a campaign failed: what HTTP status it becomes is the Api's choice.</summary>
public enum CampaignFailure
{
    None,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>The campaign after a command, or the fields that were wrong and what kind of wrong.</summary>
[GenerateSerializer, Immutable, Alias("otmz.campaign-result")]
public sealed record CampaignResult(
    [property: Id(0)] AdCampaign? Campaign,
    [property: Id(1)] ImmutableArray<FieldError> Errors,
    [property: Id(2)] CampaignFailure Failure = CampaignFailure.None)
{
    public static CampaignResult Ok(AdCampaign campaign) => new(campaign, []);

    public static CampaignResult Failed(CampaignFailure failure, params FieldError[] errors) => new(null, [.. errors], failure);
}

/// <summary>
/// Every campaign that may deliver, at the registry's version: what each silo's directory copies. A campaign
/// whose ledger reported it out of budget is in <see cref="OutUntil"/> with the time it may deliver again
/// (the next local midnight for a daily budget, <see cref="DateTimeOffset.MaxValue"/> for the total).
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.campaign-catalog")]
public sealed record CampaignCatalog(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<AdCampaign> Campaigns,
    [property: Id(2)] ImmutableDictionary<string, DateTimeOffset> OutUntil)
{
    public static CampaignCatalog Empty { get; } = new(0, [], ImmutableDictionary<string, DateTimeOffset>.Empty);

    /// <summary>Whether <paramref name="campaign"/> may be offered at <paramref name="now"/> by its settings and budget.</summary>
    public bool Offers(AdCampaign campaign, DateTimeOffset now) =>
        campaign.IsLiveAt(now) && (!OutUntil.TryGetValue(campaign.Id, out var until) || until <= now);
}
