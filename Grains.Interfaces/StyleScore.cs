namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.style-score")]
public sealed record StyleScore([property: Id(0)] string Key, [property: Id(1)] float Score);
