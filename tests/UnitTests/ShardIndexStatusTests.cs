using Microsoft.Extensions.Time.Testing;
using OtMz.Grains.Catalog.Ann;
using static OtMz.UnitTests.LookSliceProperties;

namespace OtMz.UnitTests;

/// <summary>
/// What a shard tells operators about its index, and that it answers correctly whatever the index is doing: exact
/// top-k while the first build runs, and the old index, kept current, while a rebuild runs.
/// </summary>
public class ShardIndexStatusTests
{
    // The index's exact path, so a query answered by the old index during a rebuild can be compared with brute force.
    private static readonly AnnOptions IndexExact = new() { ExactBelowRows = int.MaxValue, RebuildShare = 0.1 };

    [Fact]
    public async Task WhileTheFirstBuildRunsTheShardSaysBuildingAndAnswersTheExactTopK()
    {
        var rng = new Random(11);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var search = new ShardSearch(new AnnOptions { ExactBelowRows = 0, ExactBelowShare = 0 }, annMinLooks: 500, time);
        var looks = RandomLooks(rng, 3_000).ToList();
        foreach (var look in looks)
        {
            search.Upsert(look);
        }

        Assert.Equal(CatalogIndexState.Exact, search.Status(3).State);
        var snapshot = search.StartBuildIfDue()!;
        var progress = search.Progress!;
        var build = Task.Run(() => IvfIndex.Build(snapshot, search.Options, progress));

        // Queries and changes while the build runs, before it completes: exact answers over the live looks.
        var added = RandomLooks(rng, 50, idOffset: 90_000);
        foreach (var look in added)
        {
            search.Upsert(look);
        }

        looks.AddRange(added);
        for (var q = 0; q < 20; q++)
        {
            var (query, k, filter) = RandomQuery(rng, looks);
            AssertExactTopK(looks, query, k, filter, search.TopK(query, k, filter));
            var status = search.Status(3);
            Assert.Equal(CatalogIndexState.Building, status.State);
            Assert.Null(status.IndexedLooks);
            Assert.NotNull(status.BuildPhase);
            Assert.InRange(status.BuildProgress!.Value, 0, 1);
        }

        var started = search.Status(3).LastBuildStartedAt;
        Assert.Equal(time.GetUtcNow(), started);
        var built = await build;
        Assert.Equal(CatalogIndexBuildPhase.Filing, progress.Phase);
        Assert.Equal(0.95, progress.Fraction, 6);
        time.Advance(TimeSpan.FromMilliseconds(1_234));
        search.Complete(built, new CatalogIndexSelfCheck(32, 0.997, time.GetUtcNow()));

        var done = search.Status(3);
        Assert.Equal(CatalogIndexState.Indexed, done.State);
        Assert.Equal(3, done.Shard);
        Assert.Equal(3_050, done.IndexedLooks);
        Assert.Null(done.BuildPhase);
        Assert.Null(done.BuildProgress);
        Assert.Equal(1_234, done.LastBuildMs);
        Assert.Equal(started!.Value.AddMilliseconds(1_234), done.LastBuildFinishedAt);
        Assert.Equal(0.997, done.SelfCheck!.RecallAt20);
        Assert.Equal(built.MemoryBytes, done.IndexBytes);
    }

    [Fact]
    public void WhileARebuildRunsTheOldIndexAnswersAndKeepsUpWithTheChanges()
    {
        var rng = new Random(12);
        var search = new ShardSearch(IndexExact, annMinLooks: 100);
        var live = RandomLooks(rng, 2_000).ToDictionary(l => l.Id);
        foreach (var look in live.Values)
        {
            search.Upsert(look);
        }

        search.Complete(IvfIndex.Build(search.StartBuildIfDue()!, search.Options));
        foreach (var look in RandomLooks(rng, 1_001, idOffset: 20_000))
        {
            search.Upsert(look);
            live[look.Id] = look;
        }

        var oldIndex = search.Index!;
        var snapshot = search.StartBuildIfDue();
        Assert.NotNull(snapshot);
        Assert.Equal(CatalogIndexState.Rebuilding, search.Status(0).State);

        // Changes during the rebuild reach the old index, which answers until the new one takes over.
        foreach (var look in RandomLooks(rng, 30, idOffset: 40_000))
        {
            search.Upsert(look);
            live[look.Id] = look;
        }

        foreach (var id in live.Keys.Take(40).ToList())
        {
            Assert.True(search.Remove(id));
            live.Remove(id);
        }

        Assert.Same(oldIndex, search.Index);
        Assert.Equal(live.Count, oldIndex.Count);
        var looks = live.Values.ToList();
        for (var q = 0; q < 20; q++)
        {
            var (query, k, filter) = RandomQuery(rng, looks);
            AssertExactTopK(looks, query, k, filter, search.TopK(query, k, filter));
        }

        search.Complete(IvfIndex.Build(snapshot, search.Options));
        Assert.Equal(CatalogIndexState.Indexed, search.Status(0).State);
        Assert.Equal(live.Count, search.Index!.Count);
        Assert.Equal(2, search.Status(0).IndexBuilds);
    }

    [Fact]
    public void AnAbandonedFirstBuildLeavesTheShardExact()
    {
        var search = new ShardSearch(IndexExact, annMinLooks: 10);
        foreach (var look in RandomLooks(new Random(13), 20))
        {
            search.Upsert(look);
        }

        Assert.NotNull(search.StartBuildIfDue());
        Assert.Equal(CatalogIndexState.Building, search.Status(0).State);
        search.Abandon();

        var status = search.Status(0);
        Assert.Equal(CatalogIndexState.Exact, status.State);
        Assert.Null(status.BuildProgress);
        Assert.Equal(0, status.IndexBytes);
        Assert.Null(status.BytesPerLook);
    }

    [Fact]
    public void ProgressMovesThroughThePhasesInOrderAndNeverBack()
    {
        var progress = new IndexBuildProgress();
        Assert.Equal((CatalogIndexBuildPhase.Normalizing, 0.0), (progress.Phase, progress.Fraction));

        progress.Report(CatalogIndexBuildPhase.Normalizing, 1);
        progress.Report(CatalogIndexBuildPhase.Training, 0);
        Assert.Equal((CatalogIndexBuildPhase.Training, 0.05), (progress.Phase, Math.Round(progress.Fraction, 6)));

        progress.Report(CatalogIndexBuildPhase.Training, 0.5);
        Assert.Equal(0.25, progress.Fraction, 6);

        // A parallel worker reporting late, or an earlier phase, does not move it back.
        progress.Report(CatalogIndexBuildPhase.Training, 0.25);
        progress.Report(CatalogIndexBuildPhase.Normalizing, 1);
        Assert.Equal((CatalogIndexBuildPhase.Training, 0.25), (progress.Phase, Math.Round(progress.Fraction, 6)));

        progress.Report(CatalogIndexBuildPhase.Assigning, 1);
        Assert.Equal((CatalogIndexBuildPhase.Assigning, 0.8), (progress.Phase, Math.Round(progress.Fraction, 6)));
        progress.Report(CatalogIndexBuildPhase.SelfCheck, 1);
        Assert.Equal((CatalogIndexBuildPhase.SelfCheck, 1.0), (progress.Phase, Math.Round(progress.Fraction, 6)));
    }

    [Fact]
    public void ConcurrentReportsKeepTheHighest()
    {
        var progress = new IndexBuildProgress();
        Parallel.For(0, 1_000, i => progress.Report(CatalogIndexBuildPhase.Assigning, i / 999.0));
        Assert.Equal((CatalogIndexBuildPhase.Assigning, 0.8), (progress.Phase, Math.Round(progress.Fraction, 6)));
    }
}
