using System.Collections.Immutable;
using CsCheck;
using OtMz.Grains.Catalog;
using OtMz.Grains.Catalog.Ann;
using OtMz.Grains.Demo;
using static OtMz.UnitTests.LookSliceProperties;

namespace OtMz.UnitTests;

/// <summary>
/// The approximate index against exact search: exact whenever it takes its exact path, and at recall@20 of at
/// least 0.99 on the demo catalog with and without filters, before and after live changes, when it probes.
/// </summary>
public class IvfIndexProperties
{
    private static readonly AnnOptions AlwaysExact = new() { ExactBelowRows = int.MaxValue };

    // Small catalogs would otherwise always take the exact path; these force probing.
    private static readonly AnnOptions AlwaysProbe = new() { ExactBelowRows = 0, ExactBelowShare = 0 };

    [Fact]
    public void ItsExactPathEqualsBruteForceTopK() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var looks = RandomLooks(rng, rng.Next(0, 1_500));
            var index = IvfIndex.Build(looks, AlwaysExact with { Seed = seed });
            for (var q = 0; q < 5; q++)
            {
                var (query, k, filter) = RandomQuery(rng, looks);
                AssertExactTopK(looks, query, k, filter, index.TopK(query, k, filter));
            }
        }, iter: 100);

    [Fact]
    public void LiveInsertsUpdatesAndDeletesKeepTheExactPathExact() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var live = RandomLooks(rng, 400).ToDictionary(l => l.Id);
            var index = IvfIndex.Build([.. live.Values], AlwaysExact with { Seed = seed });
            var extra = RandomLooks(rng, 300, idOffset: 10_000);
            for (var step = 0; step < 500; step++)
            {
                switch (rng.Next(3))
                {
                    case 0 when live.Count > 0:
                        var victim = live.Keys.ElementAt(rng.Next(live.Count));
                        Assert.True(index.Remove(victim));
                        live.Remove(victim);
                        break;
                    case 1 when live.Count > 0:
                        var replaced = live.Values.ElementAt(rng.Next(live.Count)) with { StyleVector = RandomVector(rng) };
                        index.Upsert(replaced);
                        live[replaced.Id] = replaced;
                        break;
                    default:
                        var added = extra[rng.Next(extra.Length)];
                        index.Upsert(added);
                        live[added.Id] = added;
                        break;
                }
            }

            Assert.Equal(live.Count, index.Count);
            Assert.False(index.Remove("never-there"));
            Assert.All(live.Values, l => Assert.Same(l, index.Get(l.Id)));
            var looks = live.Values.ToArray();
            var (query, k, filter) = RandomQuery(rng, looks);
            AssertExactTopK(looks, query, k, filter, index.TopK(query, k, filter));
        }, iter: 40);

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(Gender.Women, null, null)]
    [InlineData(null, Season.Winter, null)]
    [InlineData(Gender.Men, Season.Summer, Occasion.Work)]
    public void ProbingFindsAtLeast99PercentOfTheExactTop20(Gender? gender, Season? season, Occasion? occasion)
    {
        var looks = DemoCatalog.Generate(20_000, seed: 7);
        var index = IvfIndex.Build(looks, AlwaysProbe);
        var exact = Exact(looks);
        var filter = new LookFilter(gender, season, occasion);

        var recall = Recall(index, exact, looks, filter, new Random(11), queries: 200);

        Assert.True(recall >= 0.99, $"recall@20 {recall:F4} with {Describe(filter)} over {index.ListCount} lists");
    }

    [Fact]
    public void RecallHoldsAfterATenthOfTheCatalogChangedLive()
    {
        var looks = DemoCatalog.Generate(20_000, seed: 7);
        var index = IvfIndex.Build(looks, AlwaysProbe);
        var rng = new Random(3);
        var live = looks.ToDictionary(l => l.Id);
        var newcomers = DemoCatalog.Generate(22_000, seed: 8)[20_000..];
        for (var i = 0; i < 2_000; i++)
        {
            // A third replaced with another look's vector, a third deleted, a third new.
            var victim = looks[rng.Next(looks.Length)].Id;
            switch (i % 3)
            {
                case 0 when live.ContainsKey(victim):
                    var moved = live[victim] with { StyleVector = looks[rng.Next(looks.Length)].StyleVector };
                    index.Upsert(moved);
                    live[victim] = moved;
                    break;
                case 1 when live.ContainsKey(victim):
                    index.Remove(victim);
                    live.Remove(victim);
                    break;
                default:
                    var added = newcomers[i];
                    index.Upsert(added);
                    live[added.Id] = added;
                    break;
            }
        }

        var current = live.Values.ToArray();
        Assert.Equal(current.Length, index.Count);
        var recall = Recall(index, Exact(current), current, new LookFilter(Gender.Women), new Random(12), queries: 200);
        Assert.True(recall >= 0.99, $"recall@20 {recall:F4} after live changes");
    }

    [Fact]
    public void ProbingScansAFractionOfTheListsAndExcludedLooksNeverComeBack()
    {
        var looks = DemoCatalog.Generate(20_000, seed: 7);
        var index = IvfIndex.Build(looks, AlwaysProbe);
        var query = looks[5].StyleVector.Values.ToArray();
        var first = index.TopK(query, 20, LookFilter.None);
        Assert.True(index.LastListsScanned < index.ListCount / 4, $"{index.LastListsScanned} of {index.ListCount} lists scanned");

        var excluded = first.Take(10).Select(h => h.Look.Id).ToImmutableArray();
        var second = index.TopK(query, 20, new LookFilter(ExcludedIds: excluded));
        Assert.Empty(second.Select(h => h.Look.Id).Intersect(excluded));
        Assert.Equal(first.Skip(10).Select(h => h.Look.Id), second.Take(10).Select(h => h.Look.Id));
    }

    [Fact]
    public void AFilterAdmittingUnderTheExactShareIsAnsweredExactlyByEveryList()
    {
        var looks = DemoCatalog.Generate(20_000, seed: 7);
        var index = IvfIndex.Build(looks, new AnnOptions { ExactBelowRows = 0, ExactBelowShare = 0.02 });
        var filter = new LookFilter(Gender.Men, Season.Winter, Occasion.Workout);
        var admitted = looks.Count(l => Admits(filter, l));
        Assert.InRange(admitted, 1, 400);

        var rng = new Random(9);
        for (var q = 0; q < 20; q++)
        {
            var query = RandomVector(rng).Values.ToArray();
            AssertExactTopK(looks, query, 20, filter, index.TopK(query, 20, filter));
            Assert.Equal(index.ListCount, index.LastListsScanned);
        }
    }

    private static LookSlice Exact(IEnumerable<Look> looks)
    {
        var slice = new LookSlice();
        foreach (var look in looks)
        {
            slice.Upsert(look);
        }

        return slice;
    }

    /// <summary>Mean recall@20 over queries shaped like tastes: half a look's vector with noise, half random sparse vectors.</summary>
    private static double Recall(IvfIndex index, LookSlice exact, Look[] looks, LookFilter filter, Random rng, int queries)
    {
        double found = 0, wanted = 0;
        for (var q = 0; q < queries; q++)
        {
            var query = q % 2 == 0 ? Noisy(looks[rng.Next(looks.Length)].StyleVector.Values, rng) : RandomVector(rng).Values.ToArray();
            var truth = exact.TopK(query, 20, filter).Select(h => h.Look.Id).ToHashSet();
            found += index.TopK(query, 20, filter).Count(h => truth.Contains(h.Look.Id));
            wanted += truth.Count;
        }

        return found / wanted;
    }

    private static float[] Noisy(ReadOnlySpan<float> vector, Random rng)
    {
        var result = vector.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Max(0, result[i] + (float)(rng.NextDouble() * 0.1 - 0.03));
        }

        return result;
    }

    private static string Describe(LookFilter f) => $"gender {f.Gender}, season {f.Season}, occasion {f.Occasion}";
}
