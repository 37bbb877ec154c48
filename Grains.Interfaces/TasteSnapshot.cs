using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The user's taste as clients see it: the raw vector, the styles it favours and the colour affinity, and beside
/// it the style of their closet (<see cref="Closet"/>), which signals do not move.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.taste-snapshot")]
public sealed record TasteSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] StyleVector Vector,
    [property: Id(2)] ImmutableArray<StyleScore> Styles,
    [property: Id(3)] ImmutableArray<ColourScore> Colours,
    [property: Id(4)] DateTimeOffset? UpdatedAt,
    [property: Id(5)] ClosetStyle? Closet = null);
