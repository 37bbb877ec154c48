namespace OtMz.Api.Contracts;

/// <summary>
/// A user's correction of a closet item. <see cref="Styles"/> (style keys the garment has) and
/// <see cref="StyleVector"/> (23 scores) both replace the detected styles; give one of them at most.
/// </summary>
public sealed record ClosetItemPatchInput(GarmentSlot? Slot, string? Category, string[]? Styles, float[]? StyleVector);
