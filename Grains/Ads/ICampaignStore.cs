namespace OtMz.Grains.Ads;

/// <summary>Where the active ad campaigns come from. Every host uses the seeded demo set (<see cref="Demo.DemoCampaigns"/>); no campaign is stored.</summary>
public interface ICampaignStore
{
    IReadOnlyList<AdCampaign> Active();
}
