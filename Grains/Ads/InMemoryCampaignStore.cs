using System.Collections.Concurrent;
using OtMz.Grains.Demo;

namespace OtMz.Grains.Ads;

/// <summary>The embedded run's campaign store: the seed campaigns, then whatever operators create, for the process's life.</summary>
public sealed class InMemoryCampaignStore : ICampaignStore
{
    private readonly ConcurrentDictionary<string, StoredCampaign> _campaigns = new(StringComparer.Ordinal);

    public InMemoryCampaignStore()
        : this(DemoCampaigns.Create())
    {
    }

    public InMemoryCampaignStore(IEnumerable<AdCampaign> seed)
    {
        foreach (var campaign in seed)
        {
            _campaigns[campaign.Id] = new StoredCampaign(campaign);
        }
    }

    public Task<IReadOnlyList<StoredCampaign>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredCampaign>>([.. _campaigns.Values.OrderBy(c => c.Campaign.Id, StringComparer.Ordinal)]);

    public Task SaveAsync(StoredCampaign campaign, CancellationToken cancellationToken)
    {
        _campaigns[campaign.Campaign.Id] = campaign;
        return Task.CompletedTask;
    }
}
