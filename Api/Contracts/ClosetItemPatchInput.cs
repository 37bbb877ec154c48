namespace OtMz.Api.Contracts;

/// <summary>
/// A user's correction of a closet item. <see cref="Styles"/> (style keys the garment has) and
/// <see cref="StyleVector"/> (23 scores) both replace the detected styles; give one of them at most.
/// <see cref="Warmth"/> overrides the category's warmth (0 summer only … 4 heavy); <see cref="Availability"/> is
/// how the item leaves and re-enters the outfits (laundry, stored away, available again).
/// </summary>
public sealed record ClosetItemPatchInput(
    GarmentSlot? Slot, string? Category, string[]? Styles, float[]? StyleVector, Print? Print = null, int? Warmth = null, Availability? Availability = null);
