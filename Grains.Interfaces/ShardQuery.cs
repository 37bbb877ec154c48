namespace OtMz.Grains.Interfaces;

/// <summary>A top-k query for the catalog shards: the (not necessarily unit) query vector, k and the hard filters.</summary>
[GenerateSerializer, Immutable, Alias("otmz.shard-query")]
public sealed record ShardQuery(
    [property: Id(0)] float[] Vector,
    [property: Id(1)] int K,
    [property: Id(2)] LookFilter Filter);
