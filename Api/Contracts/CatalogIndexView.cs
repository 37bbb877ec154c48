using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>
/// The catalog shards' approximate indexes as GET /api/v1/admin/catalog/index shows them: one row per shard, from
/// its <see cref="CatalogShardStatus"/>, and the totals over the catalog.
/// </summary>
public sealed record CatalogIndexView(ImmutableArray<ShardIndexView> Shards, CatalogIndexTotals Totals)
{
    public const string Path = "/api/v1/admin/catalog/index";

    public static CatalogIndexView Of(ImmutableArray<CatalogShardStatus> statuses)
    {
        var shards = statuses.Select(ShardIndexView.Of).ToImmutableArray();
        var indexed = shards.Sum(s => (long)(s.IndexedLooks ?? 0));
        var bytes = shards.Sum(s => s.IndexBytes);
        var checks = shards.Where(s => s.SelfCheck is not null).Select(s => s.SelfCheck!.RecallAt20).ToList();
        return new CatalogIndexView(shards, new CatalogIndexTotals(
            shards.Length,
            shards.Sum(s => (long)s.Looks),
            indexed,
            shards.Count(s => s.State is CatalogIndexState.Indexed or CatalogIndexState.Rebuilding),
            shards.Count(s => s.State is CatalogIndexState.Building or CatalogIndexState.Rebuilding),
            bytes,
            indexed > 0 ? (double)bytes / indexed : null,
            checks.Count > 0 ? checks.Min() : null));
    }
}

/// <summary>
/// One shard's index: how it answers now (<see cref="State"/>), the build running (<see cref="Progress"/>), the last
/// build's timing, its recall self-check, and its memory (from the index's array lengths; the looks are not counted).
/// </summary>
public sealed record ShardIndexView(
    int Shard,
    int Looks,
    int? IndexedLooks,
    int Lists,
    int Builds,
    CatalogIndexState State,
    ShardBuildProgress? Progress,
    DateTimeOffset? LastBuildStartedAt,
    DateTimeOffset? LastBuildFinishedAt,
    long? LastBuildMs,
    CatalogIndexSelfCheck? SelfCheck,
    long IndexBytes,
    double? BytesPerLook)
{
    public static ShardIndexView Of(CatalogShardStatus s) => new(
        s.Shard,
        s.Looks,
        s.IndexedLooks,
        s.IndexLists,
        s.IndexBuilds,
        s.State,
        s is { BuildPhase: { } phase, BuildProgress: { } fraction } ? new ShardBuildProgress(phase, fraction) : null,
        s.LastBuildStartedAt,
        s.LastBuildFinishedAt,
        s.LastBuildMs,
        s.SelfCheck,
        s.IndexBytes,
        s.BytesPerLook);
}

/// <summary>The running build's phase and the share of the whole build done (0 to 1).</summary>
public sealed record ShardBuildProgress(CatalogIndexBuildPhase Phase, double Fraction);

/// <summary>
/// The catalog as a whole: shards, looks, looks indexed, shards answering from an index, shards building one,
/// index bytes and bytes per indexed look, and the lowest self-check recall among the shards that have one.
/// </summary>
public sealed record CatalogIndexTotals(
    int Shards,
    long Looks,
    long IndexedLooks,
    int IndexedShards,
    int BuildingShards,
    long IndexBytes,
    double? BytesPerLook,
    double? MinRecallAt20);
