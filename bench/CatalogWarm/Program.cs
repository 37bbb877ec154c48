using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OtMz.BenchShared;
using OtMz.CatalogWarm;
using OtMz.Hosting.Storage;
using OtMz.Silo.Schema;

// How long a silo takes to warm the catalog from PostgreSQL and how much memory a look costs once it is in the shards
// (bench/README.md, docs/performance.md): migrate, seed N demo looks, start a silo in this process against the
// database (the platform's own set-up), wait for every shard to load and then for every index build, and weigh the heap.
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("""
        usage: CatalogWarm --looks N (--connection "Host=...;Database=..." | --start-postgres) [--shards S] [--seed X] [--no-index] [--keep]
          --looks           demo looks to seed (default 1000000); the table must not hold other looks
          --connection      an existing database (it is migrated; seeding keeps the looks it already has)
          --start-postgres  a private PostgreSQL under /tmp for this run (as the postgres user when run as root)
          --shards          Catalog:ShardCount (default 16)
          --no-index        Catalog:AnnMinLooks above any shard, so no shard builds an approximate index
          --warm-parallelism  Catalog:WarmParallelism (default 0: the processor count, at least 2)
          --store-only      diagnostic: after seeding, time PostgresCatalogStore.LoadShardAsync per shard, no silo
        """);
    return 2;
}

var inv = CultureInfo.InvariantCulture;
await using var postgres = options.StartPostgres ? await PrivatePostgres.StartAsync() : null;
var connectionString = postgres?.ConnectionString ?? options.Connection!;
Console.WriteLine($"// {options.Looks:N0} looks, {options.Shards} shards, {Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}, load {File.ReadAllText("/proc/loadavg").Trim()}");

var clock = Stopwatch.StartNew();
await SchemaMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
var migrate = clock.Elapsed;
clock.Restart();
var seeded = await new PostgresCatalogStore(connectionString).SeedDemoAsync(options.Looks, options.Seed, CancellationToken.None);
var seed = clock.Elapsed;
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await using var analyze = new NpgsqlCommand("vacuum analyze looks", connection);
    await analyze.ExecuteNonQueryAsync();
}

var tableBytes = await ScalarAsync<long>(connectionString, "select pg_total_relation_size('looks')");
var rows = await ScalarAsync<long>(connectionString, "select count(*) from looks");
NpgsqlConnection.ClearAllPools();

if (options.StoreOnly)
{
    // Diagnostic: the store's read alone, one shard after another, without the silo or the shards' indexing.
    var store = new PostgresCatalogStore(connectionString);
    for (var shard = 0; shard < options.Shards; shard++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu = postgres?.CpuTime();
        clock.Restart();
        var slice = await store.LoadShardAsync(shard, options.Shards, CancellationToken.None);
        var serverPart = postgres?.CpuTime() - serverCpu is { } used ? $", the server's CPU {used.TotalMilliseconds:F0} ms" : "";
        Console.WriteLine($"store read, shard {shard}: {slice.Count:N0} looks in {clock.Elapsed.TotalMilliseconds:F0} ms, this process's CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms{serverPart}");
    }

    return 0;
}

var heapBefore = FullCollection();
var workingSetBefore = WorkingSet();

// The warm's own duration, as the silo records it (otmz.catalog.warm.duration), besides the wall time of the start.
double? warmSeconds = null;
using var listener = new MeterListener
{
    InstrumentPublished = (instrument, l) =>
    {
        if (instrument.Meter.Name == OtMzMetrics.MeterName && instrument.Name == "otmz.catalog.warm.duration")
        {
            l.EnableMeasurementEvents(instrument);
        }
    },
};
listener.SetMeasurementEventCallback<double>((_, value, _, _) => warmSeconds = value);
listener.Start();

var settings = new Dictionary<string, string?>
{
    ["ConnectionStrings:Postgres"] = connectionString,
    ["Catalog:ShardCount"] = options.Shards.ToString(inv),
    ["Catalog:WarmParallelism"] = options.WarmParallelism.ToString(inv),
    ["Logging:LogLevel:Default"] = "Warning",
    ["Logging:LogLevel:OtMz"] = "Information",
};
if (options.NoIndex)
{
    settings["Catalog:AnnMinLooks"] = int.MaxValue.ToString(inv);
}

var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var serverCpuBefore = postgres?.CpuTime();
clock.Restart();
using var host = await LocalSilo.StartAsync(new HostApplicationBuilderSettings { Args = [] }, settings);
var started = clock.Elapsed;
var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var serverCpuStarted = postgres?.CpuTime() - serverCpuBefore;
var grains = host.Services.GetRequiredService<IGrainFactory>();
var statuses = await Task.WhenAll(Enumerable.Range(0, options.Shards).Select(s => grains.GetGrain<ICatalogShardGrain>(s).Status(afterIndexBuild: true)));
var indexed = clock.Elapsed;
var cpuIndexed = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
var loaded = statuses.Sum(s => s.Looks);
var heapAfter = FullCollection();
var workingSetAfter = WorkingSet();
var placement = host.Services.GetService<Orleans.Runtime.PlacementStrategy>()?.GetType().Name ?? "(none registered)";

Console.WriteLine($"default placement strategy: {placement}; rows in looks: {rows:N0} ({seeded:N0} written by this seed); table with indexes: {tableBytes / 1048576.0:F0} MiB");
Console.WriteLine($"shards: {string.Join(' ', statuses.Select(s => s.Looks))}; indexed: {statuses.Count(s => s.IndexedLooks is not null)} of {statuses.Length}");
Console.WriteLine();
Console.WriteLine("| step | value |");
Console.WriteLine("| --- | --- |");
Console.WriteLine($"| migrate | {migrate.TotalSeconds:F1} s |");
Console.WriteLine($"| seed {options.Looks:N0} looks (binary COPY) | {seed.TotalSeconds:F1} s |");
Console.WriteLine($"| silo start, catalog warm included | {started.TotalSeconds:F1} s |");
Console.WriteLine($"| catalog warm (all shards loaded; otmz.catalog.warm.duration) | {(warmSeconds is { } w ? w.ToString("F1", inv) + " s" : "not recorded")} |");
Console.WriteLine($"| silo start until every index build finished | {indexed.TotalSeconds:F1} s |");
Console.WriteLine($"| CPU of this process (the silo): silo start / until every index was built | {cpuStarted.TotalSeconds:F1} s / {cpuIndexed.TotalSeconds:F1} s |");
if (serverCpuStarted is { } server)
{
    // What the start would take with the machine's cores to itself, if the work spread over all of them.
    Console.WriteLine($"| CPU of the PostgreSQL server during the silo start | {server.TotalSeconds:F1} s |");
    Console.WriteLine($"| (silo + server CPU during the start) / {Environment.ProcessorCount} cores | {(cpuStarted + server).TotalSeconds / Environment.ProcessorCount:F1} s |");
}

Console.WriteLine($"| looks in the shards | {loaded:N0} |");
Console.WriteLine($"| GC heap after a full collection, before the silo / after | {heapBefore / 1048576.0:F0} MiB / {heapAfter / 1048576.0:F0} MiB |");
Console.WriteLine($"| bytes per look (heap growth / looks) | {(loaded == 0 ? 0 : (heapAfter - heapBefore) / (double)loaded):F0} |");
Console.WriteLine($"| working set before the silo / after | {workingSetBefore / 1048576.0:F0} MiB / {workingSetAfter / 1048576.0:F0} MiB |");
Console.WriteLine($"| working set growth per look | {(loaded == 0 ? 0 : (workingSetAfter - workingSetBefore) / (double)loaded):F0} bytes |");
Console.WriteLine();
Console.WriteLine($"// load after: {File.ReadAllText("/proc/loadavg").Trim()}");
await host.StopAsync();
return loaded == rows ? 0 : 1;

static long FullCollection()
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: false);
}

static long WorkingSet()
{
    using var process = Process.GetCurrentProcess();
    return process.WorkingSet64;
}

static async Task<T> ScalarAsync<T>(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return (T)(await command.ExecuteScalarAsync())!;
}

internal sealed record Options(int Looks, string? Connection, bool StartPostgres, int Shards, int Seed, bool NoIndex, int WarmParallelism, bool StoreOnly)
{
    public static Options? Parse(string[] args)
    {
        var (looks, connection, start, shards, seed, noIndex, parallelism) = (1_000_000, (string?)null, false, 16, 42, false, 0);
        var storeOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--looks": looks = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--connection": connection = Next(); break;
                    case "--start-postgres": start = true; break;
                    case "--shards": shards = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--no-index": noIndex = true; break;
                    case "--store-only": storeOnly = true; break;
                    case "--warm-parallelism": parallelism = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    default: return null;
                }
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return looks < 0 || shards < 1 || (connection is null) == !start || (connection is not null && start) ? null : new Options(looks, connection, start, shards, seed, noIndex, parallelism, storeOnly);
    }
}
