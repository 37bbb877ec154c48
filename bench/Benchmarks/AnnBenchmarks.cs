using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using OtMz.BenchShared.Ann;
using OtMz.Grains.Catalog.Ann;

namespace OtMz.Benchmarks;

/// <summary>
/// Top-20 over the same 1,000,000 demo looks and the same taste-shaped queries, three ways, per filter: the exact
/// kernel (the baseline), the shard's approximate <see cref="IvfIndex"/> at its defaults, and USearch's HNSW at
/// the settings bench/AnnIndex found to reach the index's recall (<see cref="UsearchEfSearch"/>). Recall is
/// measured by bench/AnnIndex, not here; this class only times. Each benchmark and filter runs in its own process
/// and builds only its own engine (the HNSW build takes minutes, not measured).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[GcForce(false)]
[EvaluateOverhead(false)]
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
public class AnnBenchmarks
{
    /// <summary>HNSW connectivity, and the expansions at build and at search.</summary>
    public const ulong UsearchM = 16;
    public const ulong UsearchEfAdd = 128;
    public const ulong UsearchEfSearch = 512;

    private const int QueryCount = 64;

    private IEngine _engine = null!;
    private float[][] _queries = [];
    private LookFilter _filter = LookFilter.None;
    private double _share = 1;
    private int _next;

    /// <summary>The share of the catalog the filter admits: every look, about a tenth, about a hundredth.</summary>
    [Params(1.0, 0.1, 0.01)]
    public double Share { get; set; }

    [GlobalSetup(Target = nameof(Exact))]
    public void SetupExact() => _engine = new ExactEngine(Setup());

    [GlobalSetup(Target = nameof(Ivf))]
    public void SetupIvf() => _engine = new IvfEngine(IvfIndex.Build(Setup()));

    [GlobalSetup(Target = nameof(Usearch))]
    public void SetupUsearch()
    {
        var looks = Setup();
        _engine = new UsearchEngine(looks, UsearchM, UsearchEfAdd, UsearchEfSearch, _ => _share);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true)]
    public ImmutableArray<string> Exact() => _engine.TopK(_queries[Next()], BenchData.K, _filter);

    [Benchmark]
    public ImmutableArray<string> Ivf() => _engine.TopK(_queries[Next()], BenchData.K, _filter);

    [Benchmark]
    public ImmutableArray<string> Usearch() => _engine.TopK(_queries[Next()], BenchData.K, _filter);

    private Look[] Setup()
    {
        var looks = Workload.Catalog(BenchData.LookCount, BenchData.CatalogSeed);
        var (filter, share) = Workload.Filters(looks, [Share])[0];
        (_filter, _share) = (filter, share);
        _queries = Workload.Queries(looks, QueryCount, BenchData.QuerySeed);
        Console.WriteLine($"// Filter {Workload.Describe(filter)} admits {share:P2} of {looks.Length:N0} looks.");
        return looks;
    }

    private int Next() => _next = (_next + 1) % _queries.Length;
}
