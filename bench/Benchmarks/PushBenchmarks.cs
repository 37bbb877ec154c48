using System.Collections.Immutable;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OtMz.Grains;
using OtMz.Grains.Demo;
using OtMz.Grains.Ranking;

namespace OtMz.Benchmarks;

/// <summary>
/// The user grain's share of one push, on the embedded run's catalog (20,000 demo looks, seed 42): ranking the
/// 150 candidates of a recompute down to the 20 a push carries, and writing the LooksUpdated JSON, once as
/// SignalR's JSON protocol would write the typed payload (the baseline) and once as <see cref="PushJson"/> does,
/// which keeps each look's JSON with the instance. Candidates rotate through <see cref="Sets"/> seeded tastes.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
public class PushBenchmarks
{
    private const int Sets = 8;
    private const int Candidates = 150;
    private const int K = 20;

    private static readonly JsonSerializerOptions HubJson = new(JsonSerializerDefaults.Web);

    private ImmutableArray<ShardHit>[] _candidates = [];
    private RankingContext[] _contexts = [];
    private LookRecommendations[] _looks = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var slice = BenchData.Slice(DemoCatalog.Generate(20_000, BenchData.CatalogSeed));
        var tastes = BenchData.Queries();
        _candidates = [.. tastes.Take(Sets).Select(t => slice.TopK(t, Candidates, LookFilter.None))];
        var colours = new float[Enum.GetValues<Colour>().Length];
        colours[(int)Colour.Navy] = 0.6f;
        colours[(int)Colour.Beige] = 0.3f;
        _contexts = [.. tastes.Take(Sets).Select(t => new RankingContext(t, colours, id => id.EndsWith('7'), 11.5f, Occasion.Daily))];
        var options = new RankingOptions();
        _looks = [.. Enumerable.Range(0, Sets).Select(i => new LookRecommendations(1, DateTimeOffset.UnixEpoch, LookRanker.Rank(_candidates[i], _contexts[i], K, options)))];
    }

    [Benchmark]
    public int Rank150To20()
    {
        var i = _next++ % Sets;
        return LookRanker.Rank(_candidates[i], _contexts[i], K, new RankingOptions()).Length;
    }

    [Benchmark(Baseline = true)]
    public int LooksJsonAsSignalRWritesIt() => JsonSerializer.SerializeToUtf8Bytes(_looks[_next++ % Sets], HubJson).Length;

    [Benchmark]
    public int LooksJsonAsPushJson() => PushJson.Of(_looks[_next++ % Sets]).Utf8.Length;
}
