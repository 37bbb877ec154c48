using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using OtMz.Grains.Catalog;

namespace OtMz.Grains.Ads;

/// <summary>
/// The campaigns' only writer. It loads every definition from the <see cref="ICampaignStore"/> when it activates,
/// checks each command (<see cref="CampaignRules"/>, plus the catalog for a linked look), stores the result, hands
/// the new definition to the campaign's ledger, and announces the change on the campaigns stream. Which campaigns
/// are out of budget it hears from the ledgers and keeps in memory only: after a restart the ledgers refuse what is
/// spent, and report again at their next change. The version is this activation's start in real ticks plus one
/// per change, so a new activation never repeats an old version.
/// </summary>
public sealed class AdCampaignRegistryGrain(
    ICampaignStore store,
    IOptions<CatalogOptions> catalogOptions,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    ILogger<AdCampaignRegistryGrain> logger) : Grain, IAdCampaignRegistryGrain
{
    private readonly Dictionary<string, StoredCampaign> _campaigns = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, DateTimeOffset> _outUntil = ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal);
    private CampaignCatalog? _catalog;
    private long _version = DateTime.UtcNow.Ticks;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await store.LoadAsync(cancellationToken))
        {
            _campaigns[stored.Campaign.Id] = stored;
        }

        logger.LogInformation("Campaign registry loaded {Count} campaigns ({Live} not deleted)", _campaigns.Count, _campaigns.Values.Count(c => c.DeletedAt is null));
    }

    public async Task<CampaignResult> Create(CampaignDraft draft)
    {
        if (draft.Id is { } id && _campaigns.ContainsKey(id))
        {
            return CampaignResult.Failed(CampaignFailure.Conflict, new FieldError("id", $"A campaign '{id}' exists already (deleted ones keep their ids)."));
        }

        if (_campaigns.Values.Count(c => c.DeletedAt is null) >= AdCampaign.MaxCampaigns)
        {
            return CampaignResult.Failed(CampaignFailure.Conflict, new FieldError("$", $"At most {AdCampaign.MaxCampaigns} campaigns; delete one first."));
        }

        return await SaveAsync(draft, current: null);
    }

    public async Task<CampaignResult> Update(string id, CampaignDraft patch) =>
        _campaigns.TryGetValue(id, out var stored) && stored.DeletedAt is null
            ? await SaveAsync(patch, stored.Campaign)
            : NotFound(id);

    public async Task<CampaignResult> Delete(string id)
    {
        if (!_campaigns.TryGetValue(id, out var stored) || stored.DeletedAt is not null)
        {
            return NotFound(id);
        }

        var deleted = stored with { DeletedAt = time.GetUtcNow() };
        await store.SaveAsync(deleted, CancellationToken.None);
        _campaigns[id] = deleted;
        await GrainFactory.GetGrain<IAdLedgerGrain>(id).Configure(null);
        await AnnounceAsync(id);
        logger.LogInformation("Campaign {CampaignId} deleted", id);
        return CampaignResult.Ok(stored.Campaign);
    }

    public Task<ImmutableArray<AdCampaign>> List() =>
        Task.FromResult(_campaigns.Values.Where(c => c.DeletedAt is null).Select(c => c.Campaign).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToImmutableArray());

    public Task<AdCampaign?> Get(string id) =>
        Task.FromResult(_campaigns.TryGetValue(id, out var stored) && stored.DeletedAt is null ? stored.Campaign : null);

    public Task<CampaignCatalog?> GetIfNewer(long version) =>
        Task.FromResult(version == _version ? null : Catalog());

    public async Task SetStanding(string id, DateTimeOffset? until)
    {
        var next = until is { } u ? _outUntil.SetItem(id, u) : _outUntil.Remove(id);
        if (next != _outUntil)
        {
            _outUntil = next;
            await AnnounceAsync(id);
        }
    }

    public async Task<CampaignReport?> Report(string id) =>
        _campaigns.ContainsKey(id) ? await GrainFactory.GetGrain<IAdLedgerGrain>(id).Report() : null;

    private async Task<CampaignResult> SaveAsync(CampaignDraft draft, AdCampaign? current)
    {
        var (campaign, errors) = CampaignRules.Apply(draft, current, time.GetUtcNow());
        if (campaign is null)
        {
            return new CampaignResult(null, errors, CampaignFailure.Invalid);
        }

        if (campaign.LookId is { } lookId && (campaign.LookId != current?.LookId || campaign.ItemSlot != current?.ItemSlot)
            && await LookProblemAsync(lookId, campaign.ItemSlot) is { } problem)
        {
            return CampaignResult.Failed(CampaignFailure.Invalid, problem);
        }

        await store.SaveAsync(new StoredCampaign(campaign), CancellationToken.None);
        _campaigns[campaign.Id] = new StoredCampaign(campaign);
        await GrainFactory.GetGrain<IAdLedgerGrain>(campaign.Id).Configure(campaign);
        await AnnounceAsync(campaign.Id);
        logger.LogInformation("Campaign {CampaignId} {Action} at revision {Revision}", campaign.Id, current is null ? "created" : "changed", campaign.Revision);
        return CampaignResult.Ok(campaign);
    }

    private async Task<FieldError?> LookProblemAsync(string lookId, GarmentSlot? slot)
    {
        var looks = await CatalogFanOut.GetManyAsync(GrainFactory, catalogOptions.Value.ShardCount, [lookId]);
        if (!looks.TryGetValue(lookId, out var look))
        {
            return new FieldError("lookId", $"Unknown look '{lookId}'.");
        }

        return slot is { } s && look.Garments.All(g => g.Slot != s)
            ? new FieldError("itemSlot", $"Look '{lookId}' has no {WireName.Of(s)} garment; its slots are {string.Join(", ", look.Garments.Select(g => WireName.Of(g.Slot)))}.")
            : null;
    }

    private async Task AnnounceAsync(string id)
    {
        _version++;
        _catalog = null;
        try
        {
            await this.GetStreamProvider(PushStreams.Provider)
                .GetStream<CampaignsChanged>(StreamId.Create(PushStreams.Campaigns, PushStreams.CampaignsKey))
                .OnNextAsync(new CampaignsChanged(_version, id));
        }
        catch (Exception exception)
        {
            // The change is stored; silos still see it within their refresh period.
            logger.LogWarning(exception, "Campaign change {Version} not announced", _version);
        }
    }

    private CampaignCatalog Catalog() =>
        _catalog ??= new CampaignCatalog(_version, [.. _campaigns.Values.Where(c => c.DeletedAt is null).Select(c => c.Campaign)], _outUntil);

    private static CampaignResult NotFound(string id) =>
        CampaignResult.Failed(CampaignFailure.NotFound, new FieldError("id", $"There is no campaign '{id}'."));
}
