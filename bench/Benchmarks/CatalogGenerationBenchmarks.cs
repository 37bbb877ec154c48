using BenchmarkDotNet.Attributes;
using OtMz.Grains.Demo;

namespace OtMz.Benchmarks;

/// <summary>How long the seeded demo catalog of 1,000,000 looks takes to generate (DemoCatalog uses Parallel.For, so all cores).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
public class CatalogGenerationBenchmarks
{
    [Benchmark]
    public Look[] Generate() => DemoCatalog.Generate(BenchData.LookCount, BenchData.CatalogSeed);
}
