using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using OtMz.Grains.Demo;
using OtMz.Grains.Outfits;

namespace OtMz.Benchmarks;

/// <summary>
/// Composing a day's outfits from a 500-item closet (<see cref="DemoCloset"/>, seed 42), the work the user grain
/// does whenever the taste, the weather, the availability or the closet changes. Each iteration is a single
/// <see cref="OutfitComposer.Compose"/> (the monitoring strategy: one invocation per iteration, no pilot), so the
/// P95 column is the 95th percentile of one composition, the figure issue 18 sets at 50 ms. Requests rotate through
/// <see cref="Days"/> weathers and occasions with a taste, a colour affinity, a wear history and some feedback.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 100, iterationCount: 1000)]
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
[Config(typeof(P95Config))]
public class OutfitBenchmarks
{
    private const int ClosetSize = 500;
    private const int Days = 8;

    private OutfitRequest[] _requests = [];
    private int _next;

    [Params(5, 10)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var closet = DemoCloset.Generate(ClosetSize, BenchData.CatalogSeed);
        var tastes = BenchData.Queries();
        var colours = new float[Enum.GetValues<Colour>().Length];
        colours[(int)Colour.Navy] = 0.6f;
        colours[(int)Colour.Beige] = 0.3f;
        var available = closet.Where(i => i.Slot is not null && i.Availability == Availability.Available).ToArray();
        WornOutfit[] history = [.. Enumerable.Range(0, 20).Select(d => new WornOutfit([.. available.Skip(d * 3).Take(4).Select(i => i.Id)], DemoCloset.Today.AddDays(-1 - d)))];
        var feedback = new OutfitFeedback(
            [.. Enumerable.Range(0, 10).Select(n => available.Skip(100 + n * 4).Take(4).Select(i => i.Id).ToImmutableArray())],
            [.. Enumerable.Range(0, 5).Select(n => available.Skip(200 + n * 4).Take(4).Select(i => i.Id).ToImmutableArray())]);
        (float Temp, float Rain, Occasion? Occasion)[] days =
            [(-8, 0, Occasion.Work), (2, 4, Occasion.Daily), (8, 0, Occasion.Date), (12, 12, null), (17, 0, Occasion.Travel), (22, 0, Occasion.Party), (28, 0, Occasion.Daily), (33, 2, Occasion.Workout)];
        _requests = [.. days.Select((d, i) => new OutfitRequest(closet, tastes[i % tastes.Length], colours, d.Temp, d.Rain, d.Occasion,
            DemoCloset.Today, history, feedback, ComposerWeights.Default, K))];
        foreach (var request in _requests)
        {
            if (OutfitComposer.Compose(request).Outfits.Length != K)
            {
                throw new InvalidOperationException($"The benchmark closet should give {K} outfits at {request.TemperatureC} °C.");
            }
        }
    }

    [Benchmark]
    public int Compose500() => OutfitComposer.Compose(_requests[_next++ % Days]).Outfits.Length;

    private sealed class P95Config : ManualConfig
    {
        public P95Config() => AddColumn(StatisticColumn.P95);
    }
}
