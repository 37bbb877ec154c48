using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The "my page" screen in one read: the summary every client already reads, the style stat of the taste beside
/// the closet's, the colour affinity, the counts, what the closet holds and what in it has not been worn lately.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.my-page")]
public sealed record MyPage(
    [property: Id(0)] UserSummary Summary,
    [property: Id(1)] MyStyleStats StyleStat,
    [property: Id(2)] ImmutableArray<ColourScore> ColourAffinity,
    [property: Id(3)] MyPageCounts Counts,
    [property: Id(4)] ClosetSummary Closet,
    [property: Id(5)] ImmutableArray<UnwornItem> NotWornLately);

/// <summary>
/// The look-based stat (the taste, which signals move) and the closet-based one (<see cref="ClosetStyle"/>) in the
/// same shape, so a client can show them side by side.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.my-style-stats")]
public sealed record MyStyleStats(
    [property: Id(0)] StyleStat Taste,
    [property: Id(1)] StyleStat Closet,
    [property: Id(2)] int ClosetItemCount);

/// <summary>All 23 scores in taxonomy order (zeros included), and the top three, highest first.</summary>
[GenerateSerializer, Immutable, Alias("otmz.style-stat")]
public sealed record StyleStat(
    [property: Id(0)] ImmutableArray<StyleScore> Scores,
    [property: Id(1)] ImmutableArray<StyleScore> Top)
{
    public const int TopCount = 3;

    /// <summary>The stat of <paramref name="vector"/>; all zeros and no top for none (an empty closet).</summary>
    public static StyleStat Of(ReadOnlySpan<float> vector, bool positiveOnly)
    {
        var scores = ImmutableArray.CreateBuilder<StyleScore>(StyleTaxonomy.Count);
        for (var i = 0; i < StyleTaxonomy.Count; i++)
        {
            scores.Add(new StyleScore(StyleTaxonomy.KeyOf(i), i < vector.Length ? MathF.Round(vector[i], 4) : 0f));
        }

        return new StyleStat(scores.MoveToImmutable(), vector.IsEmpty ? [] : StyleScores.Rank(vector, TopCount, positiveOnly));
    }
}

/// <summary>
/// How much the user has done and holds. <see cref="Saves"/> counts save signals applied, on looks and outfits (saved
/// to the codibook or not); <see cref="OutfitsWorn"/> every "I wore this" report; <see cref="ItemWears"/> the times
/// a closet item was logged as worn, summed over the items still in the closet.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.my-page-counts")]
public sealed record MyPageCounts(
    [property: Id(0)] long SignalsApplied,
    [property: Id(1)] long Saves,
    [property: Id(2)] int ClosetItems,
    [property: Id(3)] long OutfitsWorn,
    [property: Id(4)] int ItemWears,
    [property: Id(5)] int CodibookEntries);

/// <summary>The closet counted by slot (every slot, and items without one as a null slot), main colour and availability.</summary>
[GenerateSerializer, Immutable, Alias("otmz.closet-summary")]
public sealed record ClosetSummary(
    [property: Id(0)] ImmutableArray<SlotCount> BySlot,
    [property: Id(1)] ImmutableArray<ColourCount> ByColour,
    [property: Id(2)] ImmutableArray<AvailabilityCount> ByAvailability);

[GenerateSerializer, Immutable, Alias("otmz.slot-count")]
public sealed record SlotCount([property: Id(0)] GarmentSlot? Slot, [property: Id(1)] int Count);

[GenerateSerializer, Immutable, Alias("otmz.colour-count")]
public sealed record ColourCount([property: Id(0)] Colour Colour, [property: Id(1)] int Count);

[GenerateSerializer, Immutable, Alias("otmz.availability-count")]
public sealed record AvailabilityCount([property: Id(0)] Availability Availability, [property: Id(1)] int Count);

/// <summary>A closet item not worn for <see cref="DaysUnworn"/> days: since <see cref="LastWorn"/>, or since it was added when never worn.</summary>
[GenerateSerializer, Immutable, Alias("otmz.unworn-item")]
public sealed record UnwornItem(
    [property: Id(0)] ClosetItem Item,
    [property: Id(1)] DateOnly? LastWorn,
    [property: Id(2)] int DaysUnworn)
{
    /// <summary>Days without wear from which an item counts as not worn lately.</summary>
    public const int Days = 30;
}
