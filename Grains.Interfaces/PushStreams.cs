namespace OtMz.Grains.Interfaces;

/// <summary>Names of the Orleans streams the push path uses; silos and Api nodes must agree on them.</summary>
public static class PushStreams
{
    /// <summary>The stream provider, registered on every silo and every Api client.</summary>
    public const string Provider = "push";

    /// <summary>Namespace of per-user streams (key: user id) carrying <see cref="UserUpdate"/>.</summary>
    public const string Users = "users";

    /// <summary>Namespace of per-region streams (key: region) carrying <see cref="RegionWeather"/>.</summary>
    public const string Regions = "regions";

    /// <summary>Namespace of the campaigns stream (key: <see cref="CampaignsKey"/>) carrying <see cref="CampaignsChanged"/>.</summary>
    public const string Campaigns = "campaigns";

    public const string CampaignsKey = "all";
}

/// <summary>The live campaigns changed (an edit, a pause, a budget spent): connected users re-rank their ads.</summary>
[GenerateSerializer, Immutable, Alias("otmz.campaigns-changed")]
public sealed record CampaignsChanged(
    [property: Id(0)] long Version,
    [property: Id(1)] string CampaignId);
