using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OtMz.Grains.Catalog;
using OtMz.Grains.Outfits;

namespace OtMz.Grains.Codibook;

/// <summary>
/// Where a user's saved looks and outfits are kept. One per user, keyed by the user id like the user and closet
/// grains, and stored beside them in the "users" storage. A save checks what it names against the catalog shards and
/// the closet grain (an outfit must be the user's own items and make an outfit by <see cref="OutfitRules.SlotProblem"/>);
/// a read resolves the stored ids again, so what was deleted since shows as missing. It calls no user grain, so the
/// user grain can call it (its erase) without a cycle.
/// </summary>
public sealed class CodibookGrain(
    [PersistentState("codibook", "users")] IPersistentState<CodibookState> state,
    IOptions<CatalogOptions> catalogOptions,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    ILogger<CodibookGrain> logger) : Grain, ICodibookGrain
{
    private string UserId => this.GetPrimaryKeyString();

    private List<StoredCodibookEntry> Entries => state.State.Entries;

    public async Task<CodibookResult> Save(CodibookDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var shape = CodibookRules.Validate(draft).ToArray();
        if (shape.Length > 0)
        {
            return CodibookResult.Failed(CodibookFailure.Invalid, shape);
        }

        if (Entries.Find(e => e.Id == draft.Id) is { } stored)
        {
            var entry = stored.ToEntry();
            return entry.SameAs(draft)
                ? CodibookResult.Saved(entry, created: false)
                : CodibookResult.Failed(CodibookFailure.IdInUse, new FieldError("id", $"Entry '{draft.Id}' already saves something else."));
        }

        if (Entries.Count >= ICodibookGrain.MaxEntries)
        {
            return CodibookResult.Failed(CodibookFailure.Full);
        }

        var refused = draft.Kind == CodibookKind.Look ? await CheckLookAsync(draft.LookId!) : await CheckOutfitAsync(draft.ItemIds);
        if (refused is not null)
        {
            return refused;
        }

        var saved = new StoredCodibookEntry(draft.Id, state.State.NextSeq++, draft.Kind, draft.LookId,
            draft.Kind == CodibookKind.Outfit ? [.. draft.ItemIds] : null, draft.Note, time.GetUtcNow());
        Entries.Add(saved);
        await CommitAsync();
        logger.LogDebug("{UserId} saved {Kind} {EntryId} to the codibook ({Count} entries)", UserId, draft.Kind, draft.Id, Entries.Count);
        return CodibookResult.Saved(saved.ToEntry(), created: true);
    }

    public async Task<CodibookPage> List(long? before, int limit)
    {
        var take = Math.Clamp(limit, 1, ICodibookGrain.MaxEntries);
        var page = new List<StoredCodibookEntry>(take);
        var more = false;
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (before is { } b && Entries[i].Seq >= b)
            {
                continue;
            }

            if (page.Count == take)
            {
                more = true;
                break;
            }

            page.Add(Entries[i]);
        }

        var views = await ResolveAsync(page);
        return new CodibookPage(views, more ? page[^1].Seq : null, Entries.Count);
    }

    public async Task<ResolvedCodibookEntry?> Get(string entryId) =>
        Entries.Find(e => e.Id == entryId) is { } entry ? (await ResolveAsync([entry]))[0] : null;

    public async Task<bool> Delete(string entryId)
    {
        var index = Entries.FindIndex(e => e.Id == entryId);
        if (index < 0)
        {
            return false;
        }

        Entries.RemoveAt(index);
        await CommitAsync();
        return true;
    }

    public Task<int> Count() => Task.FromResult(Entries.Count);

    public async Task Erase()
    {
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    private async Task<CodibookResult?> CheckLookAsync(string lookId) =>
        await CatalogFanOut.GetAsync(GrainFactory, catalogOptions.Value.ShardCount, lookId) is null
            ? CodibookResult.Failed(CodibookFailure.NotFound, new FieldError("lookId", $"Unknown look '{lookId}'."))
            : null;

    private async Task<CodibookResult?> CheckOutfitAsync(ImmutableArray<string> itemIds)
    {
        var closet = (await GrainFactory.GetGrain<IClosetGrain>(UserId).GetItems()).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var missing = itemIds.Select((id, i) => (id, i)).Where(x => !closet.ContainsKey(x.id))
            .Select(x => new FieldError($"itemIds[{x.i}]", $"There is no item '{x.id}' in your closet.")).ToArray();
        if (missing.Length > 0)
        {
            return CodibookResult.Failed(CodibookFailure.NotFound, missing);
        }

        var unslotted = itemIds.Select((id, i) => (id, i)).Where(x => closet[x.id].Slot is null)
            .Select(x => new FieldError($"itemIds[{x.i}]", $"Item '{x.id}' has no slot yet; set it on the item first.")).ToArray();
        if (unslotted.Length > 0)
        {
            return CodibookResult.Failed(CodibookFailure.Invalid, unslotted);
        }

        return OutfitRules.SlotProblem(itemIds.Select(id => closet[id].Slot!.Value)) is { } problem
            ? CodibookResult.Failed(CodibookFailure.Invalid, new FieldError("itemIds", problem))
            : null;
    }

    /// <summary>The entries with their looks and items as they are now: one catalog fan-out and one closet read for all of them.</summary>
    private async Task<ImmutableArray<ResolvedCodibookEntry>> ResolveAsync(IReadOnlyList<StoredCodibookEntry> entries)
    {
        var lookIds = entries.Where(e => e.LookId is not null).Select(e => e.LookId!).ToList();
        var looksTask = lookIds.Count > 0
            ? CatalogFanOut.GetManyAsync(GrainFactory, catalogOptions.Value.ShardCount, lookIds)
            : Task.FromResult<IReadOnlyDictionary<string, Look>>(new Dictionary<string, Look>());
        var closetTask = entries.Any(e => e.ItemIds is { Length: > 0 })
            ? GrainFactory.GetGrain<IClosetGrain>(UserId).GetItems()
            : Task.FromResult(ImmutableArray<ClosetItem>.Empty);
        var looks = await looksTask;
        var closet = (await closetTask).ToDictionary(i => i.Id, StringComparer.Ordinal);
        return [.. entries.Select(e =>
        {
            var ids = e.ItemIds ?? [];
            return new ResolvedCodibookEntry(e.ToEntry(), e.LookId is { } id ? looks.GetValueOrDefault(id) : null,
                [.. ids.Where(closet.ContainsKey).Select(i => closet[i])], [.. ids.Where(i => !closet.ContainsKey(i))]);
        })];
    }

    /// <summary>Persists; on a failed write the activation is dropped so the next call reloads what is stored.</summary>
    private async Task CommitAsync()
    {
        state.State.UpdatedAt = time.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
