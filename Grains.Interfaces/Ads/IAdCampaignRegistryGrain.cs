using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The campaigns' single writer (key 0): checks and stores definitions (the platform's campaign store, PostgreSQL
/// in a cluster), configures each campaign's ledger, and announces every change on the campaigns stream so that
/// connected users re-rank their ads at once. Silos copy the live campaigns through <see cref="GetIfNewer"/>; user
/// grains never call it on the hot path.
/// </summary>
[Alias("otmz.IAdCampaignRegistryGrain")]
public interface IAdCampaignRegistryGrain : IGrainWithIntegerKey
{
    [Alias("create")]
    Task<CampaignResult> Create(CampaignDraft draft);

    /// <summary>Applies the non-null fields of <paramref name="patch"/>; its id, if given, must be the campaign's.</summary>
    [Alias("update")]
    Task<CampaignResult> Update(string id, CampaignDraft patch);

    /// <summary>Removes the campaign from delivery; its ledger and report stay.</summary>
    [Alias("delete")]
    Task<CampaignResult> Delete(string id);

    [Alias("list"), ReadOnly]
    Task<ImmutableArray<AdCampaign>> List();

    /// <summary>The campaign, or null when there is none or it was deleted; interleaves, because a ledger activating during a registry command asks it.</summary>
    [Alias("get"), ReadOnly, AlwaysInterleave]
    Task<AdCampaign?> Get(string id);

    /// <summary>The live campaigns if anything changed since <paramref name="version"/>, else null.</summary>
    [Alias("if-newer"), ReadOnly, AlwaysInterleave]
    Task<CampaignCatalog?> GetIfNewer(long version);

    /// <summary>The ledger's word that a campaign is out of budget until <paramref name="until"/>, or (null) no longer is.</summary>
    [Alias("standing"), OneWay]
    Task SetStanding(string id, DateTimeOffset? until);

    /// <summary>The campaign's delivery report from its ledger, or null when there is no such campaign.</summary>
    [Alias("report"), ReadOnly]
    Task<CampaignReport?> Report(string id);
}
