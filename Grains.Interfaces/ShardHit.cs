namespace OtMz.Grains.Interfaces;

/// <summary>A look a shard found, with its cosine similarity to the query.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.shard-hit")]
public sealed record ShardHit([property: Id(0)] Look Look, [property: Id(1)] float Cosine);
