using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// One campaign's budget ledger, keyed by campaign id: the only place that says yes or no to an impression. A
/// user grain reserves before it delivers and confirms or releases after; the ledger grants only while confirmed
/// and pending impressions stay inside the total and daily budgets and the pacing allowance, writes every grant
/// before answering, and releases a reservation that was neither confirmed nor released in time. So no concurrency,
/// silo or silo loss can deliver more than the budget.
/// </summary>
[Alias("otmz.IAdLedgerGrain")]
public interface IAdLedgerGrain : IGrainWithStringKey
{
    /// <summary>The registry's current definition of the campaign; null once it is deleted.</summary>
    [Alias("configure")]
    Task Configure(AdCampaign? campaign);

    [Alias("reserve")]
    Task<AdGrant> Reserve(AdReservation reservation);

    /// <summary>The reserved impressions were delivered: they count. Unknown or expired ids change nothing.</summary>
    [Alias("confirm")]
    Task Confirm(ImmutableArray<Guid> reservations);

    /// <summary>The reserved impressions were not delivered: their budget is free again.</summary>
    [Alias("release")]
    Task Release(ImmutableArray<Guid> reservations);

    [Alias("click")]
    Task<ClickOutcome> Click(AdClick click);

    [Alias("report"), ReadOnly]
    Task<CampaignReport> Report();
}

/// <summary>One impression a user grain asks for; <see cref="Id"/> makes a retried ask the same ask.</summary>
[GenerateSerializer, Immutable, Alias("otmz.ad-reservation")]
public sealed record AdReservation(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string UserId);

/// <summary>Why a ledger said no.</summary>
public enum AdRefusal
{
    None,

    /// <summary>The ledger knows no campaign by that id, or it was deleted.</summary>
    Unknown,

    /// <summary>Paused, or outside its window.</summary>
    NotLive,

    /// <summary>The total budget is taken.</summary>
    Exhausted,

    /// <summary>Today's budget is taken.</summary>
    DailyExhausted,

    /// <summary>Ahead of the pacing line: later today.</summary>
    Paced,
}

[GenerateSerializer, Immutable, Alias("otmz.ad-grant")]
public sealed record AdGrant(
    [property: Id(0)] bool Granted,
    [property: Id(1)] AdRefusal Refusal)
{
    public static AdGrant Yes { get; } = new(true, AdRefusal.None);

    public static AdGrant No(AdRefusal refusal) => new(false, refusal);
}

[GenerateSerializer, Immutable, Alias("otmz.ad-click")]
public sealed record AdClick(
    [property: Id(0)] string ClickId,
    [property: Id(1)] string UserId);

public enum ClickOutcome
{
    Recorded,
    Duplicate,
}

/// <summary>What became of a user's click on an ad.</summary>
public enum AdClickOutcome
{
    Recorded,

    /// <summary>The same click id was recorded before: nothing counted again.</summary>
    Duplicate,

    /// <summary>The campaign exists, but this user was never delivered it (within the click window).</summary>
    NotDelivered,

    UnknownCampaign,
}
