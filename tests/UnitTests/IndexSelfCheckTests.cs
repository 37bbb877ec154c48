using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OtMz.Grains.Catalog.Ann;
using OtMz.Grains.Demo;
using static OtMz.UnitTests.LookSliceProperties;

namespace OtMz.UnitTests;

/// <summary>
/// The recall self-check a new index runs on itself, and the size it reports: the figure is what brute force says
/// about the same queries, it is the same for the same seed, it drops when the probes are starved, and the size
/// follows the index's arrays.
/// </summary>
public class IndexSelfCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly AnnOptions AlwaysProbe = new() { ExactBelowRows = 0, ExactBelowShare = 0 };

    private static readonly Look[] Demo = DemoCatalog.Generate(20_000, seed: 7);

    [Fact]
    public void TheDefaultsMeasureAtLeast99PercentAndTheSameSeedGivesTheSameFigure()
    {
        var index = IvfIndex.Build(Demo, AlwaysProbe);
        var progress = new IndexBuildProgress();

        var check = IndexSelfCheck.Measure(index, Demo, 48, seed: 5, new FakeTimeProvider(Now), progress);

        Assert.NotNull(check);
        Assert.Equal(48, check.Queries);
        Assert.Equal(Now, check.MeasuredAt);
        Assert.True(check.RecallAt20 >= 0.99, $"recall@20 {check.RecallAt20:F4}");
        Assert.Equal((CatalogIndexBuildPhase.SelfCheck, 1.0), (progress.Phase, progress.Fraction));
        Assert.Equal(check.RecallAt20, IndexSelfCheck.Measure(index, Demo, 48, seed: 5, new FakeTimeProvider(Now))!.RecallAt20);
    }

    [Fact]
    public void StarvedProbesShowAsLowRecallEqualToWhatBruteForceSays()
    {
        var starved = AlwaysProbe with { ProbeShare = 0, MinProbeLists = 1, MinCandidatesPerResult = 1 };
        var index = IvfIndex.Build(Demo, starved);

        var check = IndexSelfCheck.Measure(index, Demo, 30, seed: 9, new FakeTimeProvider(Now))!;

        // The same 30 queries by hand: the same sampled looks and filters, the truth by brute force.
        var rng = new Random(9);
        long found = 0, wanted = 0;
        for (var q = 0; q < 30; q++)
        {
            var look = Demo[rng.Next(Demo.Length)];
            var filter = (q % 3) switch
            {
                0 => new LookFilter(ExcludedIds: [look.Id]),
                1 => new LookFilter(Season: look.Seasons[0], ExcludedIds: [look.Id]),
                _ => new LookFilter(look.Gender, look.Seasons[0], look.Occasions[0], [look.Id]),
            };
            var query = look.StyleVector.Values.ToArray();
            var truth = Demo.Where(l => Admits(filter, l))
                .OrderByDescending(l => Cosine(query, l.StyleVector.Values)).ThenBy(l => l.Id, StringComparer.Ordinal)
                .Take(IndexSelfCheck.K).Select(l => l.Id).ToHashSet();
            found += index.TopK(query, IndexSelfCheck.K, filter).Count(h => truth.Contains(h.Look.Id));
            wanted += truth.Count;
        }

        Assert.True(check.RecallAt20 < 0.9, $"recall@20 {check.RecallAt20:F4}");
        Assert.Equal((double)found / wanted, check.RecallAt20, 2);
    }

    [Fact]
    public void NoQueriesOrNoLooksMeasureNothing()
    {
        var looks = RandomLooks(new Random(1), 200);
        var index = IvfIndex.Build(looks, AlwaysProbe);
        Assert.Null(IndexSelfCheck.Measure(index, looks, 0, seed: 1, TimeProvider.System));
        Assert.Null(IndexSelfCheck.Measure(IvfIndex.Build([], AlwaysProbe), [], 32, seed: 1, TimeProvider.System));
    }

    [Theory]
    [InlineData(0.97, true)]
    [InlineData(0.989, true)]
    [InlineData(0.99, false)]
    [InlineData(1.0, false)]
    public void ARecallBelowTheSettingIsLoggedAsAWarning(double recall, bool warned)
    {
        var index = IvfIndex.Build(RandomLooks(new Random(3), 300), AlwaysProbe);
        var logger = new RecordingLogger();

        IndexSelfCheck.Log(logger, 5, index, new CatalogIndexSelfCheck(32, recall, Now), TimeSpan.FromMilliseconds(40), warnBelow: 0.99);

        var info = Assert.Single(logger.Entries, e => e.Level == LogLevel.Information);
        Assert.Contains("Catalog shard 5 built its index: 300 looks", info.Message);
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(warned ? 1 : 0, warnings.Count);
        if (warned)
        {
            Assert.Contains($"Catalog shard 5 index self-check found recall@20 {recall}", warnings[0].Message);
        }
    }

    [Fact]
    public void ABuildWithoutASelfCheckWarnsOfNothing()
    {
        var logger = new RecordingLogger();
        IndexSelfCheck.Log(logger, 0, IvfIndex.Build(RandomLooks(new Random(4), 50), AlwaysProbe), null, null, warnBelow: 0.99);
        Assert.DoesNotContain(logger.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public void TheIndexSizeFollowsItsArrays()
    {
        var small = IvfIndex.Build(Demo[..2_000], AlwaysProbe);
        var large = IvfIndex.Build(Demo, AlwaysProbe);

        // At least the unit vector (23 floats), the filter word, the look reference and an id-map slot per look;
        // at most twice that, as arrays grow by doubling, plus the centroids.
        const int Floor = 23 * 4 + 4 + 8 + 28;
        foreach (var index in new[] { small, large })
        {
            var perLook = (double)index.MemoryBytes / index.Count;
            Assert.InRange(perLook, Floor, 2.5 * Floor);
        }

        var before = large.MemoryBytes;
        foreach (var look in RandomLooks(new Random(2), 5_000, idOffset: 500_000))
        {
            large.Upsert(look);
        }

        Assert.True(large.MemoryBytes > before + 5_000L * (23 * 4 + 4 + 8), $"{before} -> {large.MemoryBytes}");
    }
}

/// <summary>Keeps what was logged, formatted, for tests that check what an operator would read.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
