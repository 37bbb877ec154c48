using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OtMz.Grains.Catalog.Ann;

namespace OtMz.Grains.Catalog;

/// <summary>
/// One slice of the catalog. Loads its looks from the <see cref="ICatalogStore"/> on activation and then
/// answers from memory: recommendations from the <see cref="ShardSearch"/> (the exact <see cref="LookSlice"/>,
/// and an approximate index a big shard builds in the background), the style list from the
/// <see cref="LookListIndex"/>, both written on every change, which arrive through <see cref="CatalogGrain"/>.
/// Each index build measures its own recall (<see cref="IndexSelfCheck"/>) before it takes over, and the shard
/// publishes its index figures to <see cref="CatalogIndexGauges"/> after every turn that changes them.
/// Kept active: reloading a slice costs far more than holding it.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class CatalogShardGrain(
    ICatalogStore store,
    IOptions<CatalogOptions> options,
    ILogger<CatalogShardGrain> logger) : Grain, ICatalogShardGrain
{
    private const int MaxSkipsLogged = 20;

    private readonly ShardSearch _search = new(options.Value.Ann, options.Value.AnnMinLooks);
    private readonly LookListIndex _list = new();
    private CatalogIndexGauges.Board? _gauges;
    private int _skippedLogged;

    private int ShardId => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var shard = ShardId;
        _gauges = CatalogIndexGauges.Register(ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.ToString(), shard);
        var started = TimeProvider.System.GetTimestamp();
        var looks = await store.LoadShardAsync(shard, options.Value.ShardCount, cancellationToken);
        _search.Exact.Reserve(looks.Count);
        var skipped = 0;
        foreach (var look in looks)
        {
            if (Admit(look))
            {
                _search.Exact.Upsert(look);
            }
            else
            {
                skipped++;
            }
        }

        // Sorted once here rather than inserted one at a time, which would move half the index per look.
        _list.Load([.. _search.Exact.Looks]);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        OtMzMetrics.ShardLoadDuration.Record(elapsed.TotalMilliseconds);
        logger.LogInformation("Catalog shard {Shard} of {ShardCount} loaded {LookCount} looks in {Elapsed} ms",
            shard, options.Value.ShardCount, looks.Count - skipped, (long)elapsed.TotalMilliseconds);
        if (skipped > 0)
        {
            logger.LogWarning("Catalog shard {Shard} skipped {SkippedCount} stored looks that break the look rules", shard, skipped);
        }

        StartIndexBuild();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _gauges?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Starts a background index build when the shard is big enough and has none, or a stale one.</summary>
    private void StartIndexBuild()
    {
        if (_search.StartBuildIfDue() is { } snapshot)
        {
            _ = BuildIndexAsync(snapshot, _search.Progress!);
        }

        _gauges?.Publish(_search);
    }

    private async Task BuildIndexAsync(Look[] snapshot, IndexBuildProgress progress)
    {
        var shard = ShardId;
        var options = _search.Options;
        try
        {
            // Built and checked on the thread pool from an immutable snapshot, before anything answers from it; the
            // continuation comes back to this activation's scheduler, so Complete runs single-threaded with the
            // grain's calls, as ShardSearch needs.
            var (built, check) = await Task.Run(() =>
            {
                var index = IvfIndex.Build(snapshot, options, progress);
                return (index, IndexSelfCheck.Measure(index, snapshot, options.SelfCheckQueries, seed: shard, TimeProvider.System, progress));
            });
            _search.Complete(built, check);
            IndexSelfCheck.Log(logger, shard, built, check, _search.LastBuildDuration, options.SelfCheckWarnBelow);
        }
        catch (Exception exception)
        {
            _search.Abandon();
            logger.LogError(exception, "Catalog shard {Shard} could not build its index; it keeps answering exactly", shard);
        }

        _gauges?.Publish(_search);
    }

    /// <summary>
    /// A stored look that breaks <see cref="LookRules"/> (an unknown colour, an empty vector) is kept out of the
    /// slice and logged, so that one bad row cannot fail the ranking of every user whose candidates include it.
    /// </summary>
    private bool Admit(Look look)
    {
        var errors = LookRules.Validate(look);
        if (errors.Count == 0)
        {
            return true;
        }

        // Named one by one up to a point; a table full of bad rows should not flood the log.
        if (++_skippedLogged <= MaxSkipsLogged)
        {
            logger.LogWarning("Catalog look {LookId} skipped: {Errors}", look.Id, LookRules.Describe(errors));
        }

        return false;
    }

    public Task<ImmutableArray<ShardHit>> Query(ShardQuery query)
    {
        var started = TimeProvider.System.GetTimestamp();
        var hits = _search.TopK(query.Vector, query.K, query.Filter);
        OtMzMetrics.ShardQueryDuration.Record(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return Task.FromResult(hits);
    }

    public Task<LookPage> List(LookListQuery query) => Task.FromResult(_list.List(query));

    public Task<Look?> Get(string lookId) => Task.FromResult(_search.Exact.Get(lookId));

    public Task<ImmutableArray<Look>> GetMany(ImmutableArray<string> lookIds) =>
        Task.FromResult(lookIds.Select(_search.Exact.Get).OfType<Look>().ToImmutableArray());

    public Task Upsert(Look look)
    {
        if (Admit(look))
        {
            _search.Upsert(look);
            _list.Upsert(look);
            StartIndexBuild();
        }

        return Task.CompletedTask;
    }

    public Task<bool> Delete(string lookId)
    {
        _list.Remove(lookId);
        var removed = _search.Remove(lookId);
        StartIndexBuild();
        return Task.FromResult(removed);
    }

    public Task<int> Count() => Task.FromResult(_search.Exact.Count);

    public Task<int> Warm() => Task.FromResult(_search.Exact.Count);

    public async Task<CatalogShardStatus> Status(bool afterIndexBuild = false)
    {
        if (afterIndexBuild)
        {
            await _search.Building;
        }

        return _search.Status(ShardId);
    }
}
