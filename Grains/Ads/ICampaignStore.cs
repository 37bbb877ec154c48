namespace OtMz.Grains.Ads;

/// <summary>Where the active ad campaigns come from. The embedded run uses a seeded demo set.</summary>
public interface ICampaignStore
{
    IReadOnlyList<AdCampaign> Active();
}
