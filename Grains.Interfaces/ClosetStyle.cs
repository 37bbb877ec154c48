using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The closet style stat: the mean unit style of the user's own garments, kept apart from the look-based taste
/// (signals never move it, closet changes never move the taste).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.closet-style")]
public sealed record ClosetStyle(
    [property: Id(0)] int ItemCount,
    [property: Id(1)] StyleVector? Vector,
    [property: Id(2)] ImmutableArray<StyleScore> Styles)
{
    public static ClosetStyle Empty { get; } = new(0, null, []);
}
