using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A campaign's delivery as its ledger counts it: confirmed impressions, clicks, what is reserved and not yet
/// confirmed, what budget is left in total and today (in the campaign's time zone), how delivery stands against
/// the pacing line, and impressions and clicks per hour for the last two days.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.campaign-report")]
public sealed record CampaignReport(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] long Impressions,
    [property: Id(2)] long Clicks,
    [property: Id(3)] double Ctr,
    [property: Id(4)] long Pending,
    [property: Id(5)] long RemainingBudget,
    [property: Id(6)] long DeliveredToday,
    [property: Id(7)] long? RemainingToday,
    [property: Id(8)] PacingStatus Pacing,
    [property: Id(9)] long? PacingTarget,
    [property: Id(10)] ImmutableArray<HourlyDelivery> ByHour,
    [property: Id(11)] DateTimeOffset At);

/// <summary>One hour of delivery; <see cref="Hour"/> is its start in the campaign's time zone.</summary>
[GenerateSerializer, Immutable, Alias("otmz.hourly-delivery")]
public sealed record HourlyDelivery(
    [property: Id(0)] DateTimeOffset Hour,
    [property: Id(1)] long Impressions,
    [property: Id(2)] long Clicks);

/// <summary>How a campaign's delivery stands at the report's time.</summary>
[JsonConverter(typeof(WireEnumConverter<PacingStatus>))]
public enum PacingStatus
{
    /// <summary>Its window has not started.</summary>
    [JsonStringEnumMemberName("scheduled")] Scheduled,

    /// <summary>Delivering within the tolerance of the pacing line (or unpaced and delivering).</summary>
    [JsonStringEnumMemberName("on-pace")] OnPace,

    /// <summary>Delivered less than the line allows, by more than the tolerance: traffic is short.</summary>
    [JsonStringEnumMemberName("behind")] Behind,

    /// <summary>Today's budget is delivered; it resumes tomorrow.</summary>
    [JsonStringEnumMemberName("daily-budget-spent")] DailyBudgetSpent,

    /// <summary>The total budget is delivered.</summary>
    [JsonStringEnumMemberName("budget-spent")] BudgetSpent,

    [JsonStringEnumMemberName("paused")] Paused,

    [JsonStringEnumMemberName("ended")] Ended,

    [JsonStringEnumMemberName("deleted")] Deleted,
}
