using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// Catalog reads for clients (the Api's style-list screen and look pages, and the admin's view of the shards' indexes). A stateless worker on the silos,
/// so the shard count and the fan-out over the shards stay the silo's business: an Api node needs neither.
/// Key 0.
/// </summary>
[Alias("otmz.ICatalogQueryGrain")]
public interface ICatalogQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Looks matching every filter in the query, in id order, a page at a time.</summary>
    [Alias("list"), ReadOnly]
    Task<LookPage> List(LookListQuery query);

    [Alias("get"), ReadOnly]
    Task<Look?> Get(string lookId);

    /// <summary>Every shard's status (looks, index state, build progress, self-check, size), in shard order.</summary>
    [Alias("shard-statuses"), ReadOnly]
    Task<ImmutableArray<CatalogShardStatus>> ShardStatuses();
}
