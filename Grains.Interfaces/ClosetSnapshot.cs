namespace OtMz.Grains.Interfaces;

/// <summary>
/// The closet facet at one closet version: what ClosetUpdated carries and the snapshot's closet part. The items
/// themselves are read over REST; a client that sees the version move re-reads them.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.closet-snapshot")]
public sealed record ClosetSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] ClosetStyle Style)
{
    public static ClosetSnapshot Empty { get; } = new(0, ClosetStyle.Empty);
}
