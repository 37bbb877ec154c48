using System.Collections.Immutable;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Catalog;

/// <summary>
/// Where a client's catalog query fans out: a stateless worker that asks the shards through
/// <see cref="CatalogFanOut"/> with this silo's shard count. Any silo can run one, so a query never waits
/// behind another.
/// </summary>
[StatelessWorker]
public sealed class CatalogQueryGrain(IOptions<CatalogOptions> options) : Grain, ICatalogQueryGrain
{
    public Task<LookPage> List(LookListQuery query) => CatalogFanOut.ListAsync(GrainFactory, options.Value.ShardCount, query);

    public Task<Look?> Get(string lookId) => CatalogFanOut.GetAsync(GrainFactory, options.Value.ShardCount, lookId);

    public async Task<ImmutableArray<CatalogShardStatus>> ShardStatuses() =>
        [.. await Task.WhenAll(Enumerable.Range(0, options.Value.ShardCount).Select(s => GrainFactory.GetGrain<ICatalogShardGrain>(s).Status()))];
}
