using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Closet;

/// <summary>
/// Where a closet item is stored. One per user, keyed by the user id like <see cref="IUserGrain"/>: items arrive
/// analysed with their pictures already stored, and from then on this grain owns those pictures, deleting them when
/// an item is refused, removed or erased. Every change moves the closet's own version on, recomputes the closet
/// style stat (<see cref="ClosetStyleStat"/>) and tells the user grain, which pushes it and re-ranks looks if the
/// ranking weighs the closet.
/// </summary>
public sealed partial class ClosetGrain(
    [PersistentState("closet", "users")] IPersistentState<ClosetState> state,
    IOptions<TasteOptions> tasteOptions,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    ILogger<ClosetGrain> logger) : Grain, IClosetGrain
{
    private ClosetSnapshot? _snapshot;

    private string UserId => this.GetPrimaryKeyString();

    private List<StoredClosetItem> Items => state.State.Items;

    public Task<ImmutableArray<ClosetItem>> GetItems() => Task.FromResult(Items.Select(i => i.ToItem()).ToImmutableArray());

    public Task<ClosetItem?> GetItem(string itemId) => Task.FromResult(Find(itemId));

    public Task<ClosetSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task<ClosetResult> Add(ClosetItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var failure = Find(item.Id) is not null ? ClosetFailure.DuplicateId
            : Items.Count >= IClosetGrain.MaxItems ? ClosetFailure.Full
            : ClosetFailure.None;
        if (failure != ClosetFailure.None)
        {
            // The refused item's pictures belong to no stored item, unless it repeats one that is stored.
            var kept = Items.SelectMany(i => new[] { i.ImageId, i.CutoutImageId }).ToHashSet(StringComparer.Ordinal);
            await Task.WhenAll(new[] { item.ImageId, item.CutoutImageId }.Where(id => !kept.Contains(id))
                .Select(id => GrainFactory.GetGrain<IImageGrain>(id).Delete()));
            return ClosetResult.Failed(failure);
        }

        Items.Add(StoredClosetItem.Of(item));
        await CommitAsync();
        logger.LogInformation("{UserId} added {ItemId} to the closet ({Count} items)", UserId, item.Id, Items.Count);
        return ClosetResult.Ok(item, state.State.Version);
    }

    public async Task<ClosetResult> Correct(string itemId, ClosetItemPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var index = Items.FindIndex(i => i.Id == itemId);
        if (index < 0)
        {
            return ClosetResult.Failed(ClosetFailure.NotFound);
        }

        var item = Items[index].ToItem();
        var corrected = item with
        {
            Slot = patch.Slot ?? item.Slot,
            Category = patch.Category ?? item.Category,
            StyleVector = patch.StyleVector ?? item.StyleVector,
            StylesCorrected = item.StylesCorrected || patch.StyleVector is not null,
            Print = patch.Print ?? item.Print,
            WarmthCorrected = patch.Warmth ?? item.WarmthCorrected,
            Availability = patch.Availability ?? item.Availability,
        };
        Items[index] = StoredClosetItem.Of(corrected);
        await CommitAsync();
        return ClosetResult.Ok(corrected, state.State.Version);
    }

    public async Task<bool> Remove(string itemId)
    {
        var index = Items.FindIndex(i => i.Id == itemId);
        if (index < 0)
        {
            return false;
        }

        var removed = Items[index];
        Items.RemoveAt(index);
        await CommitAsync();
        // The pictures go after the write: a failed write keeps the item and so must keep its pictures.
        await DeleteImagesAsync(removed);
        return true;
    }

    /// <summary>Does not notify the user grain: only its own erase calls this, and it forgets the closet itself.</summary>
    public async Task Erase()
    {
        await Task.WhenAll(Items.Select(DeleteImagesAsync));
        await state.ClearStateAsync();
        _snapshot = null;
        DeactivateOnIdle();
    }

    private ClosetItem? Find(string itemId) => Items.Find(i => i.Id == itemId)?.ToItem();

    private ClosetSnapshot Snapshot() =>
        _snapshot ??= new ClosetSnapshot(state.State.Version, ClosetStyleStat.Of(Items, tasteOptions.Value.PriorCorrection));

    private Task DeleteImagesAsync(StoredClosetItem item) =>
        Task.WhenAll(GrainFactory.GetGrain<IImageGrain>(item.ImageId).Delete(), GrainFactory.GetGrain<IImageGrain>(item.CutoutImageId).Delete());

    /// <summary>
    /// Moves the version on, persists, and tells the user grain. On a failed write the activation is dropped so
    /// that the next call reloads the stored closet rather than trusting half-applied memory.
    /// </summary>
    private async Task CommitAsync()
    {
        state.State.Version++;
        state.State.UpdatedAt = time.GetUtcNow();
        _snapshot = null;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }

        try
        {
            // Awaited, so a caller that sees the command done also sees the user grain know of it. The user grain may
            // be waiting on this grain (it reads the closet when it ranks); ClosetChanged is [AlwaysInterleave] there,
            // so this call runs between that grain's awaits instead of queueing behind them: no call cycle can wait
            // on itself.
            await GrainFactory.GetGrain<IUserGrain>(UserId).ClosetChanged(Snapshot());
        }
        catch (Exception exception)
        {
            // The closet is stored; the user grain reads it afresh on its next activation, and the next change tells it again.
            logger.LogWarning(exception, "{UserId} closet at version {Version} stored, but the user grain was not told", UserId, state.State.Version);
        }
    }
}
