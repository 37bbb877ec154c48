using OtMz.Grains.Catalog;
using OtMz.Grains.Catalog.Ann;
using static OtMz.UnitTests.LookSliceProperties;

namespace OtMz.UnitTests;

/// <summary>How a shard moves from exact search to its index: built from a snapshot while queries answer exactly, with the changes made meanwhile replayed.</summary>
public class ShardSearchTests
{
    private static readonly AnnOptions Probing = new() { ExactBelowRows = 0, ExactBelowShare = 0 };

    [Fact]
    public void ASmallShardNeverBuildsAndAnswersExactly()
    {
        var search = new ShardSearch(Probing, annMinLooks: 500);
        var looks = RandomLooks(new Random(1), 499);
        foreach (var look in looks)
        {
            search.Upsert(look);
        }

        Assert.Null(search.StartBuildIfDue());
        Assert.Null(search.Index);
        var (query, k, filter) = RandomQuery(new Random(2), looks);
        AssertExactTopK(looks, query, k, filter, search.TopK(query, k, filter));
    }

    [Fact]
    public void ChangesMadeDuringTheBuildReachTheIndexThatTakesOver()
    {
        var rng = new Random(3);
        var search = new ShardSearch(Probing, annMinLooks: 500);
        var looks = RandomLooks(rng, 600).ToDictionary(l => l.Id);
        foreach (var look in looks.Values)
        {
            search.Upsert(look);
        }

        var snapshot = search.StartBuildIfDue();
        Assert.NotNull(snapshot);
        Assert.Equal(600, snapshot.Length);
        Assert.Null(search.StartBuildIfDue());

        // While the build runs: exact answers, and changes the snapshot does not have.
        var added = RandomLooks(rng, 1, idOffset: 50_000)[0];
        search.Upsert(added);
        looks[added.Id] = added;
        var removed = looks.Keys.First();
        Assert.True(search.Remove(removed));
        looks.Remove(removed);
        var moved = looks.Values.Skip(5).First() with { StyleVector = RandomVector(rng) };
        search.Upsert(moved);
        looks[moved.Id] = moved;
        Assert.Null(search.Index);
        var (query, k, filter) = RandomQuery(rng, [.. looks.Values]);
        AssertExactTopK([.. looks.Values], query, k, filter, search.TopK(query, k, filter));

        search.Complete(IvfIndex.Build(snapshot, Probing));

        var index = search.Index;
        Assert.NotNull(index);
        Assert.Equal(looks.Count, index.Count);
        Assert.Same(added, index.Get(added.Id));
        Assert.Same(moved, index.Get(moved.Id));
        Assert.Null(index.Get(removed));
        Assert.Equal(1, search.Builds);
    }

    [Fact]
    public void AStaleIndexIsRebuiltAndAnAbandonedBuildCanBeRetried()
    {
        var rng = new Random(4);
        var search = new ShardSearch(Probing with { RebuildShare = 0.1 }, annMinLooks: 100);
        var looks = RandomLooks(rng, 2_000);
        foreach (var look in looks)
        {
            search.Upsert(look);
        }

        search.Complete(IvfIndex.Build(search.StartBuildIfDue()!, search.Options));
        Assert.Null(search.StartBuildIfDue());

        // Past max(1,000, a tenth of 2,000) changes the centroids are stale.
        foreach (var look in RandomLooks(rng, 1_001, idOffset: 20_000))
        {
            search.Upsert(look);
        }

        Assert.True(search.Index!.NeedsRebuild);
        Assert.NotNull(search.StartBuildIfDue());
        search.Abandon();
        var snapshot = search.StartBuildIfDue();
        Assert.NotNull(snapshot);
        search.Complete(IvfIndex.Build(snapshot, search.Options));
        Assert.False(search.Index!.NeedsRebuild);
        Assert.Equal(3_001, search.Index.Count);
        Assert.Equal(2, search.Builds);
    }
}
