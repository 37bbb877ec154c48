using System.Text.Json.Serialization;

namespace OtMz.LoadGenerator;

// The few wire shapes the load generator needs, declared here so that it stays a pure client of the public
// API (docs/api.md): it reads only "version" from pushes and lets the JSON reader skip the rest.

/// <summary>One signal for the hub method SendSignal, as the API names its fields.</summary>
public sealed record SignalMessage(
    string Id,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LookId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DwellMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Colour);

/// <summary>SendSignal's answer: <c>{ accepted, duplicates, version }</c>.</summary>
public sealed record SignalAckMessage(int Accepted, int Duplicates, long Version);

/// <summary>Any push (LooksUpdated, TasteUpdated, AdsUpdated): only its version is read.</summary>
public sealed record VersionOnly(long Version);

public sealed record DevTokenMessage(string? AccessToken);

public sealed record LookIdMessage(string? Id);

public sealed record LookPageMessage(LookIdMessage[]? Items, string? NextCursor);

/// <summary>An ad slate as AdsUpdated pushes it and GetSnapshot carries it: only its version and its campaigns' ids are read.</summary>
public sealed record AdsMessage(long Version, AdItemMessage[]? Items);

public sealed record AdItemMessage(AdCreativeMessage? Campaign);

public sealed record AdCreativeMessage(string? Id);

/// <summary>The hub's GetSnapshot answer: only the ad slate is read.</summary>
public sealed record SnapshotAdsMessage(AdsMessage? Ads);

/// <summary>The body of POST /api/v1/ads/campaigns that the ads scenario sends (no end, no daily budget, every user).</summary>
public sealed record CampaignCreateMessage(string Id, string Title, string Link, float[] TargetStyle, long TotalBudget, int DailyCap, double Bid);

/// <summary>GET /api/v1/ads/campaigns/{id}/report: the fields the ads table shows.</summary>
public sealed record CampaignReportMessage(string? CampaignId, long Impressions, long Pending, long RemainingBudget, string? Pacing);

public sealed record DevTokenRequestMessage(string UserId, string[] Roles);
