namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.colour-score")]
public sealed record ColourScore([property: Id(0)] Colour Colour, [property: Id(1)] float Score);
