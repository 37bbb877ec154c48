namespace OtMz.Grains.Interfaces;

/// <summary>A user's correction of a closet item; a null field is left as it is.</summary>
[GenerateSerializer, Immutable, Alias("otmz.closet-item-patch")]
public sealed record ClosetItemPatch(
    [property: Id(0)] GarmentSlot? Slot,
    [property: Id(1)] string? Category,
    [property: Id(2)] StyleVector? StyleVector,
    [property: Id(3)] Print? Print = null,
    [property: Id(4)] int? Warmth = null,
    [property: Id(5)] Availability? Availability = null);
