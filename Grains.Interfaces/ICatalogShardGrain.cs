using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// One slice of the catalog (looks whose id hashes to this shard), held in a SIMD-friendly matrix and
/// answering filtered top-k: exactly in one pass, or from an approximate index once the shard is big.
/// Keyed by shard index in [0, shard count).
/// </summary>
[Alias("otmz.ICatalogShardGrain")]
public interface ICatalogShardGrain : IGrainWithIntegerKey
{
    [Alias("query")]
    Task<ImmutableArray<ShardHit>> Query(ShardQuery query);

    [Alias("list")]
    Task<LookPage> List(LookListQuery query);

    [Alias("get")]
    Task<Look?> Get(string lookId);

    [Alias("get-many")]
    Task<ImmutableArray<Look>> GetMany(ImmutableArray<string> lookIds);

    [Alias("upsert")]
    Task Upsert(Look look);

    [Alias("delete")]
    Task<bool> Delete(string lookId);

    [Alias("count")]
    Task<int> Count();

    /// <summary>What the shard holds; with <paramref name="afterIndexBuild"/>, once the index build running now (if any) has finished.</summary>
    [Alias("status"), AlwaysInterleave]
    Task<CatalogShardStatus> Status(bool afterIndexBuild = false);
}
