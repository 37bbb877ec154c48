namespace OtMz.Grains.Interfaces;

/// <summary>
/// The style-list screen's query: looks in id order after <see cref="After"/>, matching every given filter.
/// A style matches when the look scores it at least <see cref="StyleThreshold"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.look-list-query")]
public sealed record LookListQuery(
    [property: Id(0)] int? StyleIndex,
    [property: Id(1)] Gender? Gender,
    [property: Id(2)] Season? Season,
    [property: Id(3)] Occasion? Occasion,
    [property: Id(4)] Colour? Colour,
    [property: Id(5)] string? After,
    [property: Id(6)] int Limit)
{
    public const float StyleThreshold = 0.5f;
}
