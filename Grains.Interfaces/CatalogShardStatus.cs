namespace OtMz.Grains.Interfaces;

/// <summary>
/// What a catalog shard holds and how it searches: its looks, and its approximate index once it has one (the looks
/// the index holds, its lists, and how many times it has been built).
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.catalog-shard-status")]
public sealed record CatalogShardStatus(
    [property: Id(0)] int Looks,
    [property: Id(1)] int? IndexedLooks,
    [property: Id(2)] int IndexLists,
    [property: Id(3)] int IndexBuilds);
