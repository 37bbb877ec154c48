namespace OtMz.Grains.Ads;

/// <summary>
/// Where campaign definitions live: in memory in the embedded run (seeded with <see cref="Demo.DemoCampaigns"/>),
/// the ad_campaigns table in a cluster. Only the registry grain reads and writes it. A deleted campaign keeps its
/// row with <see cref="StoredCampaign.DeletedAt"/> set, so its report and its ledger stay readable.
/// </summary>
public interface ICampaignStore
{
    /// <summary>Every campaign stored, deleted ones included.</summary>
    Task<IReadOnlyList<StoredCampaign>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the campaign with the same id.</summary>
    Task SaveAsync(StoredCampaign campaign, CancellationToken cancellationToken);
}

/// <summary>A campaign as stored: its definition and, once deleted, when.</summary>
public sealed record StoredCampaign(AdCampaign Campaign, DateTimeOffset? DeletedAt = null);
