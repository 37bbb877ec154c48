using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>What outfits to compose: how many, for which occasion (null: the user's usual one) and day (null: today).</summary>
[GenerateSerializer, Immutable, Alias("otmz.outfit-query")]
public sealed record OutfitQuery(
    [property: Id(0)] int K,
    [property: Id(1)] Occasion? Occasion = null,
    [property: Id(2)] DateOnly? Day = null)
{
    public const int DefaultK = 5;
    public const int MaxK = 20;

    /// <summary>How far ahead a day may be asked for: the weather beyond it is a guess.</summary>
    public const int MaxDaysAhead = 14;
}

/// <summary>One garment of a composed outfit, enough for a client to draw it without reading the closet.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.outfit-item")]
public sealed record OutfitItem(
    [property: Id(0)] string ItemId,
    [property: Id(1)] GarmentSlot Slot,
    [property: Id(2)] string? Category,
    [property: Id(3)] Colour? Colour,
    [property: Id(4)] string CutoutUrl)
{
    public static OutfitItem Of(ClosetItem item) => new(item.Id, item.Slot!.Value, item.Category,
        item.Colours.IsDefaultOrEmpty ? null : item.Colours[0].Colour, $"/api/v1/users/me/closet/items/{item.Id}/cutout");
}

/// <summary>An outfit composed from the user's closet: its stable id (from its items), items in slot order, score and reasons.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.closet-outfit")]
public sealed record ClosetOutfit(
    [property: Id(0)] string Id,
    [property: Id(1)] ImmutableArray<OutfitItem> Items,
    [property: Id(2)] float Score,
    [property: Id(3)] ImmutableArray<Reason> Reasons);

/// <summary>The weather an outfit list was composed for, and where it came from: observed, or typical for the month.</summary>
[GenerateSerializer, Immutable, Alias("otmz.outfit-weather")]
public sealed record OutfitWeather(
    [property: Id(0)] float TemperatureC,
    [property: Id(1)] float PrecipitationMm,
    [property: Id(2)] string Source);

/// <summary>
/// Outfits from the user's own closet at one outfits version (the taste's plus the closet's): what the outfits
/// route returns and OutfitsUpdated pushes. An empty list carries <see cref="EmptyReason"/>, never an error.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.outfit-recommendations")]
public sealed record OutfitRecommendations(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset GeneratedAt,
    [property: Id(2)] DateOnly Day,
    [property: Id(3)] Occasion? Occasion,
    [property: Id(4)] OutfitWeather Weather,
    [property: Id(5)] ImmutableArray<ClosetOutfit> Items,
    [property: Id(6)] string? EmptyReason);
