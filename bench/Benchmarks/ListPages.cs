using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Grains.Catalog;

namespace OtMz.Benchmarks;

/// <summary>
/// `--list-pages`: the style list (`GET /api/v1/looks`) over the 1,000,000-look demo catalog, a page of
/// <see cref="Limit"/> at a time, timed page by page. Seeded sequences of pages, each with its own random mix of the
/// five filters and a start at the top or at a random look, are paged through two ways: the grain call the Api
/// makes (<see cref="ICatalogQueryGrain.List"/> in a one-silo cluster in this process, fanning out to the 16 shard
/// grains), and the kernel alone (the 16 shards' <see cref="LookListIndex"/>es asked one after another on this
/// thread and merged by <see cref="CatalogFanOut.MergePages"/>). An untimed pass first checks that both give the
/// same pages. Optionally, a few pages by the algorithm the shards used before the index (filter the whole shard,
/// sort the matches by id, take) show what the index replaced.
/// </summary>
internal static class ListPages
{
    public const int Limit = 50;

    private sealed record Options(int Looks, int Sequences, int Pages, int Runs, int Seed, int BaselinePages);

    private sealed record Sequence(LookListQuery First, int Filters);

    public static int Run(string[] args) => RunAsync(Parse(args)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Options options)
    {
        var (looks, byShard, shards) = Index(options.Looks);
        // The silo's start waits for every shard to load, which on a machine busy with other work can take longer than
        // the 30 s a grain call or an activation may take by default.
        using var host = await BenchData.StartSiloAsync(options.Looks, silo => silo
            .Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5))
            .Configure<Orleans.Configuration.GrainCollectionOptions>(o => o.ActivationTimeout = TimeSpan.FromMinutes(5)));
        try
        {
            return await MeasureAsync(options, looks, byShard, shards, host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICatalogQueryGrain>(0));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The catalog, split as the silo splits it, and a <see cref="LookListIndex"/> per shard.</summary>
    private static (Look[] Looks, Look[][] ByShard, LookListIndex[] Shards) Index(int lookCount)
    {
        var clock = Stopwatch.StartNew();
        var looks = BenchData.Catalog(lookCount);
        var byShard = looks.GroupBy(l => ShardRouter.ShardOf(l.Id, BenchData.ShardCount)).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var shards = byShard.Select(slice =>
        {
            var index = new LookListIndex();
            index.Load(slice);
            return index;
        }).ToArray();
        Console.WriteLine($"{looks.Length:N0} looks in {shards.Length} shards, generated and indexed in {clock.Elapsed.TotalSeconds:F1} s");
        return (looks, byShard, shards);
    }

    private static async Task<int> MeasureAsync(Options options, Look[] looks, Look[][] byShard, LookListIndex[] shards, ICatalogQueryGrain catalog)
    {
        Console.WriteLine($"silo started; {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, .NET {Environment.Version}");

        var sequences = Sequences(looks, options);
        Func<LookListQuery, Task<LookPage>> grainPath = catalog.List;
        Func<LookListQuery, Task<LookPage>> kernelPath = q => Task.FromResult(CatalogFanOut.MergePages([.. shards.Select(s => s.List(q))], q.Limit));

        // Untimed: warms both paths up and checks that they agree page for page.
        var mismatches = 0;
        foreach (var sequence in sequences)
        {
            var query = sequence.First;
            for (var p = 0; p < options.Pages; p++)
            {
                var (viaGrains, viaKernel) = (await grainPath(query), await kernelPath(query));
                if (!viaGrains.Items.Select(l => l.Id).SequenceEqual(viaKernel.Items.Select(l => l.Id)) || viaGrains.NextCursor != viaKernel.NextCursor)
                {
                    mismatches++;
                    Console.WriteLine($"MISMATCH grain vs kernel at {query}");
                }

                if (viaKernel.NextCursor is null)
                {
                    break;
                }

                query = query with { After = viaKernel.NextCursor };
            }
        }

        if (mismatches > 0)
        {
            return 1;
        }

        // The set-up's garbage (two generated catalogs' worth) is collected now rather than inside a timed page.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Console.WriteLine($"{sequences.Length} sequences of up to {options.Pages} pages of {Limit}; the two paths agree on every page");
        Console.WriteLine($"load average before the timed runs: {LoadAverage()}");
        var summary = new Dictionary<string, List<(double P50, double P99)>>();
        void Add(string name, IEnumerable<double> ms)
        {
            var sorted = Sorted(ms);
            summary.TryAdd(name, []);
            summary[name].Add((Percentile(sorted, 0.50), Percentile(sorted, 0.99)));
        }

        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var (name, path, onThisThread) in new[] { ("grain call", grainPath, false), ("kernel, one thread", kernelPath, true) })
            {
                var times = await TimeAsync(sequences, options.Pages, path, onThisThread && ThreadCpu.Available);
                Report($"run {run}, {name}: wall-clock ms per page", times.Select(t => (t.Ms, t.Filters, t.Items)).ToList());
                Add(name, times.Select(t => t.Ms));
                if (onThisThread && ThreadCpu.Available)
                {
                    // The kernel runs on this thread alone, so its CPU time is its own work, whatever else the cores do.
                    Report($"run {run}, {name}: CPU ms of the calling thread per page", times.Select(t => (t.CpuMs, t.Filters, t.Items)).ToList());
                    Add($"{name}, CPU time", times.Select(t => t.CpuMs));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| path, {options.Runs} runs | p50 per page, median (range) | p99 per page, median (range) |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (name, runs) in summary)
        {
            Console.WriteLine($"| {name} | {Spread(runs.Select(r => r.P50))} | {Spread(runs.Select(r => r.P99))} |");
        }

        Console.WriteLine($"load average after the timed runs: {LoadAverage()}");
        if (options.BaselinePages > 0)
        {
            Baseline(byShard, sequences, options.BaselinePages);
        }

        return 0;
    }

    private static async Task<List<(double Ms, double CpuMs, int Filters, int Items)>> TimeAsync(
        Sequence[] sequences, int pages, Func<LookListQuery, Task<LookPage>> path, bool threadCpu)
    {
        var times = new List<(double, double, int, int)>(sequences.Length * pages);
        foreach (var sequence in sequences)
        {
            var query = sequence.First;
            for (var p = 0; p < pages; p++)
            {
                var cpu = threadCpu ? ThreadCpu.Milliseconds() : double.NaN;
                var started = Stopwatch.GetTimestamp();
                var page = await path(query);
                var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                times.Add((wall, threadCpu ? ThreadCpu.Milliseconds() - cpu : double.NaN, sequence.Filters, page.Items.Length));
                if (page.NextCursor is null)
                {
                    break;
                }

                query = query with { After = page.NextCursor };
            }
        }

        return times;
    }

    /// <summary>
    /// The shards' list before the index, on one thread: every shard filters all its looks after the cursor,
    /// sorts the matches by id and takes a page; the pages are then sorted together. Only a few pages, since each
    /// sorts most of the catalog.
    /// </summary>
    private static void Baseline(Look[][] byShard, Sequence[] sequences, int pages)
    {
        var times = new List<double>();
        foreach (var sequence in sequences.Take(pages))
        {
            var query = sequence.First;
            var started = Stopwatch.GetTimestamp();
            var items = byShard
                .SelectMany(shard => shard
                    .Where(l => (query.After is null || string.CompareOrdinal(l.Id, query.After) > 0) && Matches(l, query))
                    .OrderBy(l => l.Id, StringComparer.Ordinal)
                    .Take(query.Limit + 1))
                .OrderBy(l => l.Id, StringComparer.Ordinal)
                .Take(query.Limit)
                .ToList();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            GC.KeepAlive(items);
        }

        var sorted = Sorted(times);
        Console.WriteLine();
        Console.WriteLine($"before the index (filter, sort and take per shard, one thread), first page of {sorted.Length} sequences: " +
            $"p50 {Percentile(sorted, 0.5):F1} ms, max {sorted[^1]:F1} ms");
    }

    /// <summary>The calling thread's CPU time (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), which time spent waiting for a core leaves out.</summary>
    private static class ThreadCpu
    {
        private const int ThreadCpuTimeClock = 3;

        public static bool Available { get; } = OperatingSystem.IsLinux();

        public static double Milliseconds() =>
            ClockGetTime(ThreadCpuTimeClock, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : double.NaN;

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);
    }

    private static bool Matches(Look look, LookListQuery query) =>
        (query.StyleIndex is not { } style || look.StyleVector[style] >= LookListQuery.StyleThreshold)
        && (query.Gender is not { } gender || look.Gender == gender || (gender != Gender.Unisex && look.Gender == Gender.Unisex))
        && (query.Season is not { } season || look.Seasons.Contains(season))
        && (query.Occasion is not { } occasion || look.Occasions.Contains(occasion))
        && (query.Colour is not { } colour || look.Palette.Any(p => p.Colour == colour));

    /// <summary>Each filter present with even odds and any value; a quarter of the sequences start at a random look.</summary>
    private static Sequence[] Sequences(Look[] looks, Options options)
    {
        var random = new Random(options.Seed);
        return [.. Enumerable.Range(0, options.Sequences).Select(_ =>
        {
            var query = new LookListQuery(
                random.Next(2) == 0 ? random.Next(StyleTaxonomy.Count) : null,
                random.Next(2) == 0 ? (Gender)random.Next(3) : null,
                random.Next(2) == 0 ? (Season)random.Next(4) : null,
                random.Next(2) == 0 ? (Occasion)random.Next(6) : null,
                random.Next(2) == 0 ? (Colour)random.Next(21) : null,
                random.Next(4) == 0 ? looks[random.Next(looks.Length)].Id : null,
                Limit);
            var filters = new object?[] { query.StyleIndex, query.Gender, query.Season, query.Occasion, query.Colour }.Count(f => f is not null);
            return new Sequence(query, filters);
        })];
    }

    private static void Report(string title, List<(double Ms, int Filters, int Items)> times)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}");
        Console.WriteLine("| filters | pages | looks per page | p50 | p90 | p99 | max |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in times.GroupBy(t => t.Filters).OrderBy(g => g.Key))
        {
            Row(group.Key.ToString(CultureInfo.InvariantCulture), [.. group]);
        }

        Row("all", times);

        static void Row(string name, List<(double Ms, int Filters, int Items)> rows)
        {
            var sorted = Sorted(rows.Select(r => r.Ms));
            Console.WriteLine($"| {name} | {rows.Count} | {rows.Average(r => r.Items):F1} | {Percentile(sorted, 0.5):F3} | {Percentile(sorted, 0.9):F3} | {Percentile(sorted, 0.99):F3} | {sorted[^1]:F3} |");
        }
    }

    /// <summary>Runnable threads over the last 1, 5 and 15 minutes, against this machine's cores: how shared the timed runs were.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double[] Sorted(IEnumerable<double> values) => [.. values.Order()];

    /// <summary>Nearest rank: the smallest value with at least that share of the values at or below it.</summary>
    private static double Percentile(double[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Spread(IEnumerable<double> values)
    {
        var sorted = Sorted(values);
        return $"{Percentile(sorted, 0.5):F3} ms ({sorted[0]:F3}–{sorted[^1]:F3})";
    }

    private static Options Parse(string[] args)
    {
        var options = new Options(Looks: BenchData.LookCount, Sequences: 300, Pages: 20, Runs: 3, Seed: 7, BaselinePages: 0);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--looks" => options with { Looks = value },
                "--sequences" => options with { Sequences = value },
                "--pages" => options with { Pages = value },
                "--runs" => options with { Runs = value },
                "--seed" => options with { Seed = value },
                "--baseline" => options with { BaselinePages = value },
                var unknown => throw new ArgumentException($"Unknown option {unknown}; see bench/README.md."),
            };
        }

        return options;
    }
}
