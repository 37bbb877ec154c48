using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// What a catalog shard holds and how it searches: its looks, and its approximate index once it has one (the looks
/// the index holds, its lists, how many times it has been built), the build running now, the last build's timing,
/// the recall the last build measured on itself, and the index's memory. The admin route
/// GET /api/v1/admin/catalog/index shows one per shard; the index gauges of <see cref="OtMzMetrics"/> read the same figures.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.catalog-shard-status")]
public sealed record CatalogShardStatus(
    [property: Id(0)] int Looks,
    [property: Id(1)] int? IndexedLooks,
    [property: Id(2)] int IndexLists,
    [property: Id(3)] int IndexBuilds,
    [property: Id(4)] int Shard = 0,
    [property: Id(5)] CatalogIndexState State = CatalogIndexState.Exact,
    [property: Id(6)] CatalogIndexBuildPhase? BuildPhase = null,
    [property: Id(7)] double? BuildProgress = null,
    [property: Id(8)] DateTimeOffset? LastBuildStartedAt = null,
    [property: Id(9)] DateTimeOffset? LastBuildFinishedAt = null,
    [property: Id(10)] long? LastBuildMs = null,
    [property: Id(11)] CatalogIndexSelfCheck? SelfCheck = null,
    [property: Id(12)] long IndexBytes = 0)
{
    /// <summary>The index's bytes per look it holds; null without an index.</summary>
    public double? BytesPerLook => IndexedLooks is > 0 and var looks ? (double)IndexBytes / looks : null;
}

/// <summary>
/// The last self-check of a shard's index: recall@20 of its approximate search against its exact search over the
/// same looks, on <see cref="Queries"/> queries made from sampled looks of the shard, unfiltered and filtered.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.catalog-index-self-check")]
public sealed record CatalogIndexSelfCheck(
    [property: Id(0)] int Queries,
    [property: Id(1)] double RecallAt20,
    [property: Id(2)] DateTimeOffset MeasuredAt);

/// <summary>How a shard answers top-k now.</summary>
[JsonConverter(typeof(WireEnumConverter<CatalogIndexState>))]
public enum CatalogIndexState
{
    /// <summary>No index and none being built: every query scans exactly (a small shard, or a failed first build).</summary>
    [JsonStringEnumMemberName("exact")] Exact,

    /// <summary>The first index is being built; queries scan exactly meanwhile.</summary>
    [JsonStringEnumMemberName("building")] Building,

    /// <summary>Queries are answered by the index.</summary>
    [JsonStringEnumMemberName("indexed")] Indexed,

    /// <summary>A new index is being built; the old one keeps answering, and is kept current, until it takes over.</summary>
    [JsonStringEnumMemberName("rebuilding")] Rebuilding,
}

/// <summary>The step a running index build is in, in order.</summary>
[JsonConverter(typeof(WireEnumConverter<CatalogIndexBuildPhase>))]
public enum CatalogIndexBuildPhase
{
    /// <summary>Unit vectors of the snapshot's looks.</summary>
    [JsonStringEnumMemberName("normalizing")] Normalizing,

    /// <summary>k-means on a sample of the looks, one step per iteration.</summary>
    [JsonStringEnumMemberName("training")] Training,

    /// <summary>Every look to its nearest centroid.</summary>
    [JsonStringEnumMemberName("assigning")] Assigning,

    /// <summary>Each list sorted by filter word and filed in the block layout.</summary>
    [JsonStringEnumMemberName("filing")] Filing,

    /// <summary>Recall of the new index measured on sampled queries, before it takes over.</summary>
    [JsonStringEnumMemberName("self-check")] SelfCheck,
}
