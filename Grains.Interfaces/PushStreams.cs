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
}
