using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("otmz.look-page")]
public sealed record LookPage([property: Id(0)] ImmutableArray<Look> Items, [property: Id(1)] string? NextCursor);
