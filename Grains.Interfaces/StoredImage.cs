namespace OtMz.Grains.Interfaces;

/// <summary>
/// An image the platform keeps: a catalog look's photo (public, no owner; <see cref="LookId"/> names the look it
/// was uploaded for, the only look whose deletion removes it) or a closet photo or cutout (owned by one user and
/// served to them alone).
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.stored-image")]
public sealed record StoredImage(
    [property: Id(0)] string Id,
    [property: Id(1)] string ContentType,
    [property: Id(2)] byte[] Bytes,
    [property: Id(3)] int Width,
    [property: Id(4)] int Height,
    [property: Id(5)] string? OwnerId,
    [property: Id(6)] string? LookId = null);
