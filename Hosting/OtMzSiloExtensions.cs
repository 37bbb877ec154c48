using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using OtMz.Grains;
using OtMz.Grains.Ads;
using OtMz.Grains.Catalog;
using OtMz.Grains.Demo;
using OtMz.Grains.Experiments;
using OtMz.Grains.Images;
using OtMz.Grains.Interfaces;
using OtMz.Grains.Push;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;
using OtMz.Hosting.Storage;

namespace OtMz.Hosting;

/// <summary>
/// What every OtMz silo needs, whoever hosts it: the standalone Silo process, the Api co-hosting one in the
/// embedded run, or a test cluster. Storage follows <see cref="ClusterStorage"/>; clustering is the host's
/// choice (<see cref="UseOtMzClustering"/> for the real hosts, the test cluster's own for tests).
/// </summary>
public static class OtMzSiloExtensions
{
    public const string UserStorage = "users";
    public const string RegionStorage = "regions";

    /// <summary>Experiment definitions and per-variant counts (<see cref="ExperimentRegistryGrain"/>).</summary>
    public const string ExperimentStorage = "experiments";

    /// <summary>The campaigns' ledgers (<see cref="AdLedgerGrain"/>): written before every impression is granted.</summary>
    public const string AdsStorage = "ads";

    /// <summary>The storage Orleans keeps stream subscriptions in; the name is Orleans' convention.</summary>
    public const string PubSubStorage = "PubSubStore";

    public static ISiloBuilder AddOtMzGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var connectionString = ClusterStorage.ConnectionString(configuration);

        // User and region state is written on every signal: binary instead of the default JSON (the stream
        // pub-sub state keeps Orleans' default). Experiments use it too: their state types carry field ids like the
        // users'. Both storage kinds pick a serializer registered under their name.
        foreach (var name in new[] { UserStorage, RegionStorage, ExperimentStorage, AdsStorage })
        {
            silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(name, (services, _) => new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));
        }

        foreach (var name in new[] { UserStorage, RegionStorage, ExperimentStorage, AdsStorage, PubSubStorage })
        {
            if (connectionString is null)
            {
                silo.AddMemoryGrainStorage(name);
            }
            else
            {
                silo.AddAdoNetGrainStorage(name, o =>
                {
                    o.Invariant = ClusterStorage.Invariant;
                    o.ConnectionString = connectionString;
                    // A cleared state's row goes, not just its payload: a kept row would still hold its key, which for
                    // an erased user's grains and push stream registration is the user id.
                    o.DeleteStateOnClear = name is UserStorage or PubSubStorage;
                });
            }
        }

        if (connectionString is not null)
        {
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = ClusterStorage.Invariant;
                o.ConnectionString = connectionString;
            });
        }

        // Pushes are latency-bound and never replayed: poll the queues often (Orleans' default is every
        // 100 ms, which alone put p99 near 140 ms; docs/performance.md) and keep delivered events only
        // briefly. The pulling agents' cache keeps an event until it is older than the newest by the cache age:
        // at 1,000 pushes/s of about 24 KB each, a 30 s age held some 700 MB of stale pushes and the copies into
        // fresh cache blocks cost page faults on every push. The cache takes 1 MiB blocks from a pool that grows
        // with what the age holds, and every new block is a large object that brings gen2 collections closer:
        // with 2 s, the first 8 s after a step from 300 to 1,000 pushes/s allocated 39 MB of new blocks, and first
        // runs after such a step backed up for seconds (docs/performance.md, "Push cache age 500 ms"). A push is normally
        // delivered within a poll period or two; a consumer further behind than the age misses what was purged
        // meanwhile (Orleans reports a cache miss to the subscription), every later push carries the whole state,
        // and a client that misses a push resyncs by snapshot.
        var cacheAge = configuration.GetValue("Push:CacheAge", TimeSpan.FromMilliseconds(500));
        silo.AddMemoryStreams(PushStreams.Provider, streams =>
        {
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = configuration.GetValue("Push:PollPeriod", TimeSpan.FromMilliseconds(10))));
            streams.ConfigureCacheEviction(eviction => eviction.Configure(o =>
            {
                o.DataMinTimeInCache = cacheAge / 2;
                o.DataMaxAgeInCache = cacheAge;
            }));
        });

        var services = silo.Services;
        services.Configure<CatalogOptions>(configuration.GetSection("Catalog"));
        services.AddOptions<TasteOptions>().Bind(configuration.GetSection("Taste")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TasteOptions>, TasteOptionsValidator>();
        services.Configure<RankingOptions>(configuration.GetSection("Ranking"));
        services.Configure<PushOptions>(configuration.GetSection("Push"));
        services.AddOptions<OverloadOptions>().Bind(configuration.GetSection("Push")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OverloadOptions>, OverloadOptionsValidator>());
        services.AddSingleton<PushLagGate>();
        services.Configure<ExperimentsOptions>(configuration.GetSection("Experiments"));
        services.AddSingleton<ExperimentDirectory>();
        services.AddSingleton<ExperimentTally>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ExperimentFlush>();
        services.AddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(GrainClock.Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.Configure<AdsOptions>(configuration.GetSection("Ads"));
        services.AddSingleton<CampaignDirectory>();
        if (connectionString is null)
        {
            services.AddSingleton<ICatalogStore, InMemoryCatalogStore>();
            services.AddSingleton<IImageStore, InMemoryImageStore>();
            services.AddSingleton<ICampaignStore>(_ => new InMemoryCampaignStore());
        }
        else
        {
            services.AddSingleton<ICatalogStore>(sp => new PostgresCatalogStore(connectionString, sp.GetService<ILogger<PostgresCatalogStore>>()));
            services.AddSingleton<IImageStore>(new PostgresImageStore(connectionString));
            services.AddSingleton<ICampaignStore>(sp => new PostgresCampaignStore(connectionString, sp.GetService<ILogger<PostgresCampaignStore>>()));
        }

        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CatalogWarmup>();

        // A catalog shard reads its slice while it activates, and Orleans cancels an activation after 30 s by default:
        // at millions of looks per shard the load needs longer (the warm call's response timeout is the same).
        silo.Configure<GrainCollectionOptions>(o =>
            o.ActivationTimeout = o.ActivationTimeout < CatalogShardLoad.TimeoutSpan ? CatalogShardLoad.TimeoutSpan : o.ActivationTimeout);
        return silo;
    }

    /// <summary>
    /// ADO.NET clustering on PostgreSQL when a connection string is configured, else localhost clustering for
    /// a one-machine run. Ports: "Orleans:SiloPort" and "Orleans:GatewayPort"; in Kubernetes the pod's IP and
    /// name arrive as POD_IP and POD_NAME.
    /// </summary>
    public static ISiloBuilder UseOtMzClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var siloPort = configuration.GetValue("Orleans:SiloPort", 11111);
        var gatewayPort = configuration.GetValue("Orleans:GatewayPort", 30000);
        var serviceId = configuration.GetValue("Orleans:ServiceId", "otmz")!;
        var clusterId = configuration.GetValue("Orleans:ClusterId", "otmz-dev")!;
        var localhost = ClusterStorage.ConnectionString(configuration) is null;
        silo.Services.AddSingleton<IValidateOptions<SiloPorts>, SiloPorts.Validator>();
        silo.Services.AddOptions<SiloPorts>().Configure(o => (o.SiloPort, o.GatewayPort, o.LoopbackOnly) = (siloPort, gatewayPort, localhost)).ValidateOnStart();
        if (ClusterStorage.ConnectionString(configuration) is not { } connectionString)
        {
            return silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
        }

        var advertised = configuration["POD_IP"] ?? configuration["Orleans:AdvertisedIP"] ?? IPAddress.Loopback.ToString();
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = ClusterStorage.Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = serviceId;
            o.ClusterId = clusterId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(advertised), siloPort, gatewayPort, listenOnAnyHostAddress: true);

        // Failure detection can be tightened per deployment ("Orleans:Membership:ProbeTimeout", ...).
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        if (configuration["POD_NAME"] is { Length: > 0 } podName)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = podName);
        }

        return silo;
    }
}
