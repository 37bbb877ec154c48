using System.Collections.Immutable;
using System.Diagnostics;
using OtMz.Grains.Catalog;

namespace OtMz.Benchmarks;

/// <summary>
/// `--verify`: checks, before anyone trusts the timings, that the three ways return the same top 20 for every
/// benchmark query (unfiltered and filtered): the kernel and the fan-out exactly, the naive scalar baseline to
/// within float rounding. Exits non-zero on a mismatch.
/// </summary>
internal static class Verify
{
    private const float Tolerance = 1e-5f;

    public static int Run()
    {
        var clock = Stopwatch.StartNew();
        var looks = BenchData.Catalog();
        Console.WriteLine($"Generated {looks.Length} looks in {clock.Elapsed.TotalSeconds:F2} s");
        var units = looks.Select(BenchData.UnitVector).ToArray();
        var slice = BenchData.Slice(looks);
        using var host = BenchData.StartSiloAsync().GetAwaiter().GetResult();
        var grains = BenchData.GrainFactory(host);
        var failures = 0;

        foreach (var filter in new[] { LookFilter.None, BenchData.WomenWinter })
        {
            var mask = FilterMask.From(filter);
            foreach (var query in BenchData.Queries())
            {
                var q = Grains.VectorMath.Normalized(query);
                var naive = Enumerable.Range(0, looks.Length)
                    .Where(i => mask.Admits(FilterMask.AttributesOf(looks[i])))
                    .Select(i => new ShardHit(looks[i], TopKBenchmarks.ScalarDot(units[i], q)))
                    .OrderByDescending(h => h.Cosine)
                    .ThenBy(h => h.Look.Id, StringComparer.Ordinal)
                    .Take(BenchData.K)
                    .ToArray();
                var kernel = slice.TopK(query, BenchData.K, filter);
                var fanOut = CatalogFanOut.QueryAsync(grains, BenchData.ShardCount, new ShardQuery(query, BenchData.K, filter))
                    .GetAwaiter().GetResult();

                if (!kernel.Select(h => (h.Look.Id, h.Cosine)).SequenceEqual(fanOut.Select(h => (h.Look.Id, h.Cosine))))
                {
                    failures++;
                    Console.WriteLine($"MISMATCH kernel vs fan-out ({Describe(filter)}): {Ids(kernel)} / {Ids(fanOut)}");
                }

                if (naive.Length != kernel.Length || naive.Zip(kernel).Any(p => Math.Abs(p.First.Cosine - p.Second.Cosine) > Tolerance))
                {
                    failures++;
                    Console.WriteLine($"MISMATCH naive vs kernel ({Describe(filter)}): {Ids([.. naive])} / {Ids(kernel)}");
                }

                var sameIds = naive.Select(h => h.Look.Id).SequenceEqual(kernel.Select(h => h.Look.Id));
                Console.WriteLine($"{Describe(filter),-12} top cosine {kernel[0].Cosine:F6}, 20th {kernel[^1].Cosine:F6}; ids identical to naive: {sameIds}");
            }
        }

        host.StopAsync().GetAwaiter().GetResult();
        Console.WriteLine(failures == 0 ? "verify: all queries agree" : $"verify: {failures} mismatches");
        return failures == 0 ? 0 : 1;
    }

    private static string Describe(LookFilter filter) => filter == LookFilter.None ? "no filter" : "women+winter";

    private static string Ids(ImmutableArray<ShardHit> hits) => string.Join(",", hits.Select(h => h.Look.Id));
}
