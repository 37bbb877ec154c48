using OtMz.Grains.Ads;

namespace OtMz.Hosting.Storage;

/// <summary>The cluster mode's campaign store: the ad_campaigns table (migration 0008).</summary>
public sealed class PostgresCampaignStore(string connectionString) : ICampaignStore
{
    public Task<IReadOnlyList<StoredCampaign>> LoadAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException(connectionString);

    public Task SaveAsync(StoredCampaign campaign, CancellationToken cancellationToken) =>
        throw new NotImplementedException(connectionString);
}
