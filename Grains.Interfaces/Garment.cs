namespace OtMz.Grains.Interfaces;

/// <summary>A garment of a look: its slot, its K-Fashion category and its main colour.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.garment")]
public sealed record Garment(
    [property: Id(0)] GarmentSlot Slot,
    [property: Id(1)] string Category,
    [property: Id(2)] Colour Colour);
