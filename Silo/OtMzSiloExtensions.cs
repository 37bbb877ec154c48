using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Grains.Ads;
using OtMz.Grains.Catalog;
using OtMz.Grains.Interfaces;
using OtMz.Grains.Push;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.Silo;

/// <summary>
/// What every OtMz silo needs, whoever hosts it: the standalone Silo process, the Api co-hosting one in the
/// embedded run, or a test cluster. Clustering is left to the host.
/// </summary>
public static class OtMzSiloExtensions
{
    public const string UserStorage = "users";
    public const string RegionStorage = "regions";

    /// <summary>The storage Orleans keeps stream subscriptions in; the name is Orleans' convention.</summary>
    public const string PubSubStorage = "PubSubStore";

    public static ISiloBuilder AddOtMzGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddMemoryGrainStorage(UserStorage);
        silo.AddMemoryGrainStorage(RegionStorage);
        silo.AddMemoryGrainStorage(PubSubStorage);
        silo.AddMemoryStreams(PushStreams.Provider);

        var services = silo.Services;
        services.Configure<CatalogOptions>(configuration.GetSection("Catalog"));
        services.Configure<TasteOptions>(configuration.GetSection("Taste"));
        services.Configure<RankingOptions>(configuration.GetSection("Ranking"));
        services.Configure<PushOptions>(configuration.GetSection("Push"));
        services.AddSingleton<ICampaignStore, DemoCampaigns>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICatalogStore, InMemoryCatalogStore>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CatalogWarmup>();
        return silo;
    }

    /// <summary>Localhost clustering for a one-process run; ports come from "Orleans:SiloPort" and "Orleans:GatewayPort".</summary>
    public static ISiloBuilder UseOtMzLocalhostClustering(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.UseLocalhostClustering(
            siloPort: configuration.GetValue("Orleans:SiloPort", 11111),
            gatewayPort: configuration.GetValue("Orleans:GatewayPort", 30000),
            serviceId: configuration.GetValue("Orleans:ServiceId", "otmz")!,
            clusterId: configuration.GetValue("Orleans:ClusterId", "otmz-dev")!);
}
