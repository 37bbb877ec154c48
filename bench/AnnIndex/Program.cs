using System.Diagnostics;
using System.Globalization;
using OtMz.BenchShared.Ann;
using OtMz.Grains.Catalog.Ann;

// Recall and latency of the shard's approximate index against exact search and USearch's HNSW, per filter
// selectivity, before and after a tenth of the catalog changes live (bench/README.md, docs/performance.md).
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("""
        usage: AnnIndex [--looks N] [--queries Q] [--k K] [--seed S] [--usearch M:EF_ADD:EF_SEARCH[,…]] [--no-updates]
          --looks      catalog size (default 1000000; 10000000 needs about 8 GB)
          --queries    queries per filter (default 500)
          --usearch    HNSW settings to build and compare, e.g. 16:128:64,16:128:256 (default 16:128:128); none: skip
          --probe-share, --min-probe, --lists-per-sqrt, --exact-below: the index's AnnOptions (defaults in the code)
        """);
    return 2;
}

var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"// {options.Looks:N0} looks, {options.Queries} queries per filter, k={options.K}, {Environment.ProcessorCount} cores");
var looks = Workload.Catalog(options.Looks, options.Seed);
var targets = new[] { 1.0, 0.5, 0.1, 0.01, 0.001 };
var filters = Workload.Filters(looks, targets);
var queries = Workload.Queries(looks, options.Queries, options.Seed + 1);

var byId = looks.ToDictionary(l => l.Id, StringComparer.Ordinal);
using var exact = new ExactEngine(looks);
var before = GC.GetTotalMemory(forceFullCollection: true);
var clock = Stopwatch.StartNew();
var index = IvfIndex.Build(looks, options.Ann);
var ivfBuild = clock.Elapsed;
var ivfBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
Console.WriteLine($"IVF build: {ivfBuild.TotalSeconds:F2} s, {index.ListCount} lists, {ivfBytes / (double)looks.Length:F0} bytes per look (managed heap growth)");
var engines = new List<IEngine> { new IvfEngine(index) };
foreach (var (m, efAdd, efSearch) in options.Usearch)
{
    var native = Process.GetCurrentProcess();
    native.Refresh();
    var privateBefore = native.PrivateMemorySize64;
    clock.Restart();
    var usearch = new UsearchEngine(looks, m, efAdd, efSearch, f => filters.FirstOrDefault(x => x.Filter == f).Share);
    var build = clock.Elapsed;
    native.Refresh();
    Console.WriteLine($"{usearch.Name} build: {build.TotalSeconds:F2} s ({build / ivfBuild:F1}x the IVF's), about {(native.PrivateMemorySize64 - privateBefore) / (double)looks.Length:F0} bytes per look (process private bytes growth)");
    engines.Add(usearch);
}

Report("before changes");
if (!options.NoUpdates)
{
    var changes = Workload.Changes(looks, 0.1, options.Seed + 2);
    clock.Restart();
    foreach (var (id, now) in changes)
    {
        exact.Apply(id, now);
        if (now is null)
        {
            byId.Remove(id);
        }
        else
        {
            byId[id] = now;
        }
    }

    foreach (var engine in engines)
    {
        clock.Restart();
        foreach (var (id, now) in changes)
        {
            engine.Apply(id, now);
        }

        Console.WriteLine($"{engine.Name}: {changes.Count:N0} live changes in {clock.Elapsed.TotalSeconds:F2} s");
    }

    Console.WriteLine($"IVF after the changes: rebuild advised = {index.NeedsRebuild}");
    Report("after a tenth of the catalog changed live");
}

foreach (var engine in engines)
{
    engine.Dispose();
}

return 0;

void Report(string when)
{
    Console.WriteLine();
    Console.WriteLine($"### {when}");
    Console.WriteLine("| filter | share | exact µs | " + string.Join(" | ", engines.Select(e => $"{e.Name} µs | recall@{options.K}")) + " | IVF lists scanned |");
    Console.WriteLine("|---|---:|---:|" + string.Concat(engines.Select(_ => "---:|---:|")) + "---:|");
    foreach (var (filter, share) in filters)
    {
        // A returned look counts when its exact cosine reaches the k-th exact one: among looks tied at the k-th
        // score (the demo catalog has many equal vectors) any may be returned, and an id tie-break is not recall.
        var floors = new List<(double Floor, int Count)>();
        var exactTicks = 0L;
        foreach (var q in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var truth = exact.TopK(q, options.K, filter);
            exactTicks += Stopwatch.GetTimestamp() - start;
            floors.Add(truth.IsEmpty ? (double.NegativeInfinity, 0) : (Cosine(q, byId[truth[^1]]) - 1e-6, truth.Length));
        }

        var cells = new List<string>();
        var scanned = 0L;
        foreach (var engine in engines)
        {
            long ticks = 0, found = 0, wanted = 0;
            for (var i = 0; i < queries.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var ids = engine.TopK(queries[i], options.K, filter);
                ticks += Stopwatch.GetTimestamp() - start;
                var (floor, count) = floors[i];
                found += Math.Min(count, ids.Count(id => Cosine(queries[i], byId[id]) >= floor));
                wanted += count;
                if (engine is IvfEngine ivf)
                {
                    scanned += ivf.Index.LastListsScanned;
                }
            }

            cells.Add(string.Format(inv, "{0:F1} | {1:F4}", Micros(ticks) / queries.Length, wanted == 0 ? 1.0 : (double)found / wanted));
        }

        Console.WriteLine(string.Format(inv, "| {0} | {1:P2} | {2:F1} | {3} | {4:F1} of {5} |",
            Workload.Describe(filter), share, Micros(exactTicks) / queries.Length, string.Join(" | ", cells), (double)scanned / queries.Length, index.ListCount));
    }
}

static double Cosine(float[] query, Look look) => OtMz.Grains.VectorMath.Cosine(query, look.StyleVector.Values);

static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

internal sealed record Options(int Looks, int Queries, int K, int Seed, IReadOnlyList<(ulong M, ulong EfAdd, ulong EfSearch)> Usearch, bool NoUpdates, AnnOptions Ann)
{
    public static Options? Parse(string[] args)
    {
        var options = new Options(1_000_000, 500, 20, 42, [(16, 128, 128)], false, new AnnOptions());
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--looks" when int.TryParse(value, out var n) && n > 0: options = options with { Looks = n }; i++; break;
                case "--queries" when int.TryParse(value, out var n) && n > 0: options = options with { Queries = n }; i++; break;
                case "--k" when int.TryParse(value, out var n) && n > 0: options = options with { K = n }; i++; break;
                case "--seed" when int.TryParse(value, out var n): options = options with { Seed = n }; i++; break;
                case "--usearch" when value == "none": options = options with { Usearch = [] }; i++; break;
                case "--usearch" when value is not null && TryHnsw(value, out var settings): options = options with { Usearch = settings }; i++; break;
                case "--no-updates": options = options with { NoUpdates = true }; break;
                case "--probe-share" when double.TryParse(value, CultureInfo.InvariantCulture, out var x) && x > 0: options = options with { Ann = options.Ann with { ProbeShare = x } }; i++; break;
                case "--min-probe" when int.TryParse(value, out var n) && n > 0: options = options with { Ann = options.Ann with { MinProbeLists = n } }; i++; break;
                case "--lists-per-sqrt" when double.TryParse(value, CultureInfo.InvariantCulture, out var x) && x > 0: options = options with { Ann = options.Ann with { ListsPerSqrtRow = x } }; i++; break;
                case "--exact-below" when int.TryParse(value, out var n) && n >= 0: options = options with { Ann = options.Ann with { ExactBelowRows = n } }; i++; break;
                default: return null;
            }
        }

        return options;
    }

    private static bool TryHnsw(string value, out IReadOnlyList<(ulong, ulong, ulong)> settings)
    {
        var list = new List<(ulong, ulong, ulong)>();
        foreach (var part in value.Split(','))
        {
            var p = part.Split(':');
            if (p.Length != 3 || !ulong.TryParse(p[0], out var m) || !ulong.TryParse(p[1], out var a) || !ulong.TryParse(p[2], out var s))
            {
                settings = [];
                return false;
            }

            list.Add((m, a, s));
        }

        settings = list;
        return true;
    }
}
