using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Catalog;

/// <summary>
/// The single writer of the catalog and its change counter. A write reaches the store first, then the owning
/// shard, then retires the look's previous uploaded photo; a step that fails undoes those before it. A write
/// bumps the version that user grains compare before trusting a cached result. The version starts from a fresh
/// random epoch on every activation, so a restarted counter can never equal an old one; the grain stays active
/// so that this happens only when its silo goes away.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class CatalogGrain(
    ICatalogStore store,
    IOptions<CatalogOptions> options,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    private long _version = Random.Shared.NextInt64(1, long.MaxValue / 2);

    public Task<long> GetVersion() => Task.FromResult(_version);

    public async Task<LookWriteResult> Upsert(Look look)
    {
        // The Api checks first and names the fields; this guards every other writer (importers, tools).
        if (LookRules.Validate(look) is { Count: > 0 } errors)
        {
            return LookWriteResult.Invalid(errors);
        }

        var shard = Shard(look.Id);
        var previous = await shard.Get(look.Id);
        var undo = new Stack<Func<Task>>();
        try
        {
            await store.UpsertAsync(look, CancellationToken.None);
            undo.Push(() => previous is null ? store.DeleteAsync(look.Id, CancellationToken.None) : store.UpsertAsync(previous, CancellationToken.None));
            await shard.Upsert(look);
            undo.Push(() => previous is null ? shard.Delete(look.Id) : shard.Upsert(previous));
            if (previous is not null && previous.ImageUrl != look.ImageUrl)
            {
                await DeleteUploadedPhotoAsync(previous);
            }
        }
        catch (Exception failure)
        {
            // This grain is the only writer and takes one call at a time, so the previous look is still what the
            // undone steps should put back.
            logger.LogWarning(failure, "Catalog look {LookId} not written; {Steps} steps undone", look.Id, undo.Count);
            await UndoAsync(undo, look.Id);
            throw;
        }

        logger.LogInformation("Catalog look {LookId} written", look.Id);
        return LookWriteResult.Written(replaced: previous is not null, ++_version);
    }

    public async Task<bool> Delete(string lookId)
    {
        var shard = Shard(lookId);
        var previous = await shard.Get(lookId);
        var stored = await store.DeleteAsync(lookId, CancellationToken.None);
        var live = await shard.Delete(lookId);
        if (!stored && !live)
        {
            return false;
        }

        _version++;
        logger.LogInformation("Catalog look {LookId} deleted", lookId);
        if (previous is not null)
        {
            try
            {
                await DeleteUploadedPhotoAsync(previous);
            }
            catch (Exception e)
            {
                // The look is gone and nothing links the photo any more; a photo left behind is unreachable, not wrong.
                logger.LogWarning(e, "Photo of deleted catalog look {LookId} not deleted", lookId);
            }
        }

        return true;
    }

    /// <summary>
    /// The photo uploaded for this look goes with it. Anything else its imageUrl names is left alone: another
    /// look's photo, a user's closet photo, or a link elsewhere. The image grain checks the ownership itself.
    /// </summary>
    private async Task DeleteUploadedPhotoAsync(Look look)
    {
        if (LookRules.CatalogImageId(look.ImageUrl) is { } imageId)
        {
            await GrainFactory.GetGrain<IImageGrain>(imageId).DeleteForLook(look.Id);
        }
    }

    private async Task UndoAsync(Stack<Func<Task>> undo, string lookId)
    {
        while (undo.TryPop(out var step))
        {
            try
            {
                await step();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Catalog look {LookId}: a step could not be undone; the store and the shard may disagree until the shard reloads", lookId);
            }
        }
    }

    private ICatalogShardGrain Shard(string lookId) => CatalogFanOut.ShardFor(GrainFactory, options.Value.ShardCount, lookId);
}
