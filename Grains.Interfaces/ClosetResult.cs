namespace OtMz.Grains.Interfaces;

/// <summary>The outcome of a closet command: the item as it now is, or why there is none.</summary>
[GenerateSerializer, Immutable, Alias("otmz.closet-result")]
public sealed record ClosetResult(
    [property: Id(0)] ClosetItem? Item,
    [property: Id(1)] ClosetFailure Failure,
    [property: Id(2)] long Version)
{
    public static ClosetResult Ok(ClosetItem item, long version) => new(item, ClosetFailure.None, version);

    public static ClosetResult Failed(ClosetFailure failure) => new(null, failure, 0);
}

public enum ClosetFailure
{
    None,
    NotFound,
    Full,
    DuplicateId,
}
