using OtMz.Hosting;
using OtMz.Hosting.Operations;
using OtMz.Silo.Schema;
using OtMz.Hosting.Storage;

namespace OtMz.Silo;

/// <summary>
/// A standalone silo: grains, plus HTTP for health probes and metrics. The embedded run co-hosts the same
/// silo inside the Api instead. Two deliberate one-off commands share its configuration:
/// <c>migrate</c> applies the schema under deploy/sql, <c>seed</c> writes the demo catalog into the looks table and
/// the demo ad campaigns into ad_campaigns.
/// (The bulk importer of pictures is a client of the REST API, tools/Importer, not a silo command.)
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["migrate", .. var rest] => await RunCommandAsync(rest, async (connectionString, configuration, logger, ct) =>
        {
            var applied = await SchemaMigrator.MigrateAsync(connectionString, logger, ct);
            logger.LogInformation("Schema up to date; {Applied} migrations applied now", applied);
        }),
        ["seed", .. var rest] => await RunCommandAsync(rest, async (connectionString, configuration, logger, ct) =>
        {
            var count = configuration.GetValue("Catalog:DemoLooks", 20_000);
            var started = TimeProvider.System.GetTimestamp();
            var written = await new PostgresCatalogStore(connectionString).SeedDemoAsync(count, configuration.GetValue("Catalog:DemoSeed", 42), ct);
            logger.LogInformation("Seeded {Count} new demo looks of {Requested} (existing ids kept) in {Elapsed}", written, count, TimeProvider.System.GetElapsedTime(started));
            var campaigns = await new PostgresCampaignStore(connectionString).SeedDemoAsync(ct);
            logger.LogInformation("Seeded {Count} new demo ad campaigns (existing ids kept)", campaigns);
        }),
        _ => await RunSiloAsync(args),
    };

    private static async Task<int> RunSiloAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseOrleans(silo => silo
            .UseOtMzClustering(builder.Configuration)
            .AddOtMzGrains(builder.Configuration)
            .AddOtMzDashboard(builder.Configuration));
        builder.Services.AddOtMzOperations(builder.Configuration);

        var app = builder.Build();
        app.MapOtMzOperations();
        await app.RunAsync();
        return 0;
    }

    private static async Task<int> RunCommandAsync(string[] args, Func<string, IConfiguration, ILogger, CancellationToken, Task> command)
    {
        var builder = Host.CreateApplicationBuilder(args);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OtMz.Silo");
        if (ClusterStorage.ConnectionString(builder.Configuration) is not { } connectionString)
        {
            logger.LogError("ConnectionStrings:{Name} is not set (environment variable ConnectionStrings__{Name})", ClusterStorage.ConnectionStringName, ClusterStorage.ConnectionStringName);
            return 2;
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await command(connectionString, builder.Configuration, logger, cancel.Token);
        return 0;
    }
}
