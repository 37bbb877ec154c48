namespace OtMz.Grains.Interfaces;

/// <summary>
/// A look a shard found, with its cosine similarity to the query. A value, not an object: a recompute gathers
/// 16 shards' first answers (432 hits) and keeps its best 150 with the user's cached recommendations until the
/// next signal, so as objects they were both a share of every signal's allocation and what the young GC
/// collections had to promote.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.shard-hit")]
public readonly record struct ShardHit([property: Id(0)] Look Look, [property: Id(1)] float Cosine);
