using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OtMz.Grains.Interfaces;

namespace OtMz.StorageTests;

/// <summary>Campaigns for the ad_campaigns tests: one with every field set, one with every optional field empty, and how to compare them.</summary>
internal static class Campaigns
{
    /// <summary>Whole seconds, non-UTC offsets: what comes back must be the same instant (PostgreSQL keeps UTC).</summary>
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 9, 30, 15, TimeSpan.FromHours(9));

    public static float[] Style(params int[] leaning)
    {
        var values = new float[StyleTaxonomy.Count];
        for (var i = 0; i < leaning.Length; i++)
        {
            values[leaning[i]] = 1f / (i + 1) + 0.0123f;
        }

        return values;
    }

    public static AdCampaign Full(string id) => new(
        id,
        "Autumn coats, 20 % off",
        "https://cdn.example.com/banners/coats.png",
        "https://shop.example.com/coats?utm=otmz",
        StyleVector.Create(Style(3, 7, 11)),
        Gender.Women,
        MinAge: 20,
        MaxAge: 39,
        Regions: ["Seoul", "Busan", "Jeju-do"],
        Bid: 2.75,
        TotalBudget: 1_000_000,
        DailyBudget: 25_000,
        DailyCap: 4,
        StartsAt: Created.AddDays(1),
        EndsAt: Created.AddDays(31).ToOffset(TimeSpan.FromHours(-5)),
        Paused: true,
        TimeZone: "Europe/Paris",
        LookId: "look-0000042",
        ItemSlot: GarmentSlot.OnePiece,
        Revision: 7,
        CreatedAt: Created,
        UpdatedAt: Created.AddHours(5).AddMilliseconds(123));

    public static AdCampaign Bare(string id) => new(
        id,
        "Plain",
        ImageUrl: null,
        Link: "https://example.com/plain",
        StyleVector.Create(Style(0)),
        TargetGender: null,
        MinAge: null,
        MaxAge: null,
        Regions: [],
        Bid: 1,
        TotalBudget: 1,
        DailyBudget: null,
        DailyCap: 1,
        StartsAt: Created,
        EndsAt: null,
        Paused: false,
        TimeZone: AdCampaign.DefaultTimeZone,
        LookId: null,
        ItemSlot: null,
        Revision: 1,
        CreatedAt: Created,
        UpdatedAt: Created);

    /// <summary>
    /// Field by field: the style vector and the regions by their values (both compare by reference in the record),
    /// every other field by the record's own equality (instants, whatever their offset).
    /// </summary>
    public static void AssertSame(AdCampaign expected, AdCampaign? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.TargetStyle.ToArray(), actual.TargetStyle.ToArray());
        Assert.Equal(expected.Regions.ToArray(), actual.Regions.ToArray());
        Assert.Equal(expected with { TargetStyle = actual.TargetStyle, Regions = actual.Regions }, actual);
    }

    /// <summary>
    /// <paramref name="campaign"/> as PostgreSQL keeps it: timestamptz holds microseconds, so the ticks below one
    /// are dropped (Npgsql truncates).
    /// </summary>
    public static AdCampaign ToMicroseconds(AdCampaign campaign) => campaign with
    {
        StartsAt = Micro(campaign.StartsAt),
        EndsAt = campaign.EndsAt is { } end ? Micro(end) : null,
        CreatedAt = Micro(campaign.CreatedAt),
        UpdatedAt = Micro(campaign.UpdatedAt),
    };

    private static DateTimeOffset Micro(DateTimeOffset t) => new(t.Ticks - t.Ticks % 10, t.Offset);
}

/// <summary>Keeps what was logged, to see that a skipped row is reported.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue($"{logLevel}: {formatter(state, exception)}");
}
