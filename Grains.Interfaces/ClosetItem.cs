using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A garment in a user's own closet: what the platform detected in its photo (colours, style), what the user
/// corrected (slot, category, styles), and the stored photo and background-free cutout.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.closet-item")]
public sealed record ClosetItem(
    [property: Id(0)] string Id,
    [property: Id(1)] GarmentSlot? Slot,
    [property: Id(2)] string? Category,
    [property: Id(3)] ImmutableArray<PaletteEntry> Colours,
    [property: Id(4)] StyleVector StyleVector,
    [property: Id(5)] string ImageId,
    [property: Id(6)] string CutoutImageId,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] bool StylesCorrected = false,
    [property: Id(9)] string? StyleModel = null);
