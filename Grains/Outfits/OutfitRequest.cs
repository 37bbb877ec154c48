using System.Collections.Immutable;

namespace OtMz.Grains.Outfits;

/// <summary>
/// Everything <see cref="OutfitComposer"/> composes from: the user's closet, their taste and colour affinity, the
/// day and its weather, the occasion, what they wore lately and what they said of earlier outfits, their own term
/// weights, and how many outfits to return. The user grain fills it from its state; the composer keeps nothing.
/// </summary>
/// <param name="Items">The whole closet; items that are not available or have no slot are skipped, not errors.</param>
/// <param name="Taste">The user's taste, 23 floats (any length; it is normalised); null for a new user, when the taste term is neutral.</param>
/// <param name="ColourAffinity">21 non-negative floats in <see cref="Colour"/> order, or null; scaled by its largest entry.</param>
/// <param name="TemperatureC">The day's temperature; null when unknown, then <see cref="WarmthFit.DefaultTemperatureC"/>.</param>
/// <param name="PrecipitationMm">The day's precipitation; null when unknown, then dry.</param>
/// <param name="Occasion">The occasion; null when none was asked for, then the occasion term is neutral.</param>
/// <param name="Day">The day the outfits are for: freshness and repeats count back from it.</param>
/// <param name="History">Outfits worn lately (any order; older than the windows they are ignored).</param>
/// <param name="Feedback">Outfits the user liked and disliked.</param>
/// <param name="Weights">The user's term weights; null for <see cref="ComposerWeights.Default"/>.</param>
/// <param name="K">How many outfits to return, at least 1.</param>
public sealed record OutfitRequest(
    IReadOnlyList<ClosetItem> Items,
    float[]? Taste,
    float[]? ColourAffinity,
    float? TemperatureC,
    float? PrecipitationMm,
    Occasion? Occasion,
    DateOnly Day,
    IReadOnlyList<WornOutfit>? History = null,
    OutfitFeedback? Feedback = null,
    ComposerWeights? Weights = null,
    int K = 5)
{
    /// <summary>The temperature the rules and scores use.</summary>
    public float Temperature => TemperatureC ?? WarmthFit.DefaultTemperatureC;

    /// <summary>The precipitation the scores use.</summary>
    public float Precipitation => PrecipitationMm ?? 0f;
}

/// <summary>An outfit the user wore: its items' ids and the day.</summary>
[GenerateSerializer, Immutable, Alias("otmz.worn-outfit")]
public sealed record WornOutfit([property: Id(0)] ImmutableArray<string> ItemIds, [property: Id(1)] DateOnly Day);

/// <summary>The outfits a user liked and disliked, each as the ids of its items.</summary>
[GenerateSerializer, Immutable, Alias("otmz.outfit-feedback")]
public sealed record OutfitFeedback(
    [property: Id(0)] ImmutableArray<ImmutableArray<string>> Liked,
    [property: Id(1)] ImmutableArray<ImmutableArray<string>> Disliked)
{
    public static OutfitFeedback None { get; } = new([], []);
}
