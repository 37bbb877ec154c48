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

    /// <summary>
    /// Returns the look count once the shard is loaded: the first call activates it, which reads its slice from the
    /// store. The silo's start-up warm calls this, not <see cref="Count"/>, because at millions of looks per shard the
    /// load can outlast Orleans' default 30 s response timeout (<see cref="CatalogShardLoad"/>).
    /// </summary>
    [Alias("warm"), ResponseTimeout(CatalogShardLoad.Timeout)]
    Task<int> Warm();

    /// <summary>What the shard holds; with <paramref name="afterIndexBuild"/>, once the index build running now (if any) has finished.</summary>
    [Alias("status"), AlwaysInterleave]
    Task<CatalogShardStatus> Status(bool afterIndexBuild = false);
}

/// <summary>How long a catalog shard may take to load its slice when it activates.</summary>
public static class CatalogShardLoad
{
    /// <summary>
    /// The response timeout of <see cref="ICatalogShardGrain.Warm"/>; the silo raises Orleans' activation timeout to
    /// at least this too. Measured loads take seconds per million looks (docs/performance.md), so this leaves a wide
    /// margin at 10,000,000 looks on one silo, while a load stuck on a dead database still ends.
    /// </summary>
    public const string Timeout = "00:15:00";

    public static TimeSpan TimeoutSpan { get; } = TimeSpan.Parse(Timeout, System.Globalization.CultureInfo.InvariantCulture);
}
