namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.palette-entry")]
public sealed record PaletteEntry([property: Id(0)] Colour Colour, [property: Id(1)] float Weight);
