using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Catalog;

/// <summary>
/// The single writer of the catalog and its change counter. A write reaches the store first and then the
/// owning shard, and bumps the version that user grains compare before trusting a cached result. The version
/// starts from a fresh random epoch on every activation, so a restarted counter can never equal an old one;
/// the grain stays active so that this happens only when its silo goes away.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class CatalogGrain(
    ICatalogStore store,
    IOptions<CatalogOptions> options,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    private long _version = Random.Shared.NextInt64(1, long.MaxValue / 2);

    public Task<long> GetVersion() => Task.FromResult(_version);

    public async Task<long> Upsert(Look look)
    {
        // The Api checks first and names the fields; this guards every other writer (importers, tools).
        if (LookRules.Validate(look) is { Count: > 0 } errors)
        {
            throw new ArgumentException($"Look '{look.Id}' breaks the look rules: {LookRules.Describe(errors)}", nameof(look));
        }

        await store.UpsertAsync(look, CancellationToken.None);
        await CatalogFanOut.ShardFor(GrainFactory, options.Value.ShardCount, look.Id).Upsert(look);
        logger.LogInformation("Catalog look {LookId} written", look.Id);
        return ++_version;
    }

    public async Task<bool> Delete(string lookId)
    {
        var stored = await store.DeleteAsync(lookId, CancellationToken.None);
        var live = await CatalogFanOut.ShardFor(GrainFactory, options.Value.ShardCount, lookId).Delete(lookId);
        if (stored || live)
        {
            _version++;
            logger.LogInformation("Catalog look {LookId} deleted", lookId);
        }

        return stored || live;
    }
}
