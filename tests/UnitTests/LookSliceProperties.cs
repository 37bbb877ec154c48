using System.Collections.Immutable;
using CsCheck;
using OtMz.Grains.Catalog;

namespace OtMz.UnitTests;

/// <summary>Shard top-k must equal brute-force top-k on the same data, for random data, queries and filters.</summary>
public class LookSliceProperties
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ShardTopKEqualsBruteForceTopK(bool vector512) =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var looks = RandomLooks(rng, rng.Next(0, 1_500));
            var slice = new LookSlice { UseVector512 = vector512 && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated };
            foreach (var look in looks)
            {
                slice.Upsert(look);
            }

            for (var q = 0; q < 5; q++)
            {
                var (query, k, filter) = RandomQuery(rng, looks);
                AssertExactTopK(looks, query, k, filter, slice.TopK(query, k, filter));
            }
        }, iter: 200);

    [Fact]
    public void MergedShardsEqualBruteForceTopK() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var looks = RandomLooks(rng, rng.Next(0, 900));
            var shardCount = rng.Next(1, 9);
            var slices = Enumerable.Range(0, shardCount).Select(_ => new LookSlice()).ToArray();
            foreach (var look in looks)
            {
                slices[ShardRouter.ShardOf(look.Id, shardCount)].Upsert(look);
            }

            var (query, k, filter) = RandomQuery(rng, looks);
            var merged = CatalogFanOut.Merge(slices.Select(s => s.TopK(query, k, filter)), k);
            AssertExactTopK(looks, query, k, filter, merged);
        }, iter: 200);

    [Fact]
    public void LiveInsertsUpdatesAndDeletesKeepTopKExact() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var live = RandomLooks(rng, 300).ToDictionary(l => l.Id);
            var slice = new LookSlice();
            foreach (var look in live.Values)
            {
                slice.Upsert(look);
            }

            var extra = RandomLooks(rng, 200, idOffset: 10_000);
            for (var step = 0; step < 300; step++)
            {
                switch (rng.Next(3))
                {
                    case 0 when live.Count > 0:
                        var victim = live.Keys.ElementAt(rng.Next(live.Count));
                        Assert.True(slice.Remove(victim));
                        live.Remove(victim);
                        break;
                    case 1 when live.Count > 0:
                        var replaced = live.Values.ElementAt(rng.Next(live.Count)) with { StyleVector = RandomVector(rng) };
                        slice.Upsert(replaced);
                        live[replaced.Id] = replaced;
                        break;
                    default:
                        var added = extra[rng.Next(extra.Length)];
                        slice.Upsert(added);
                        live[added.Id] = added;
                        break;
                }
            }

            Assert.Equal(live.Count, slice.Count);
            Assert.False(slice.Remove("never-there"));
            var looks = live.Values.ToArray();
            var (query, k, filter) = RandomQuery(rng, looks);
            AssertExactTopK(looks, query, k, filter, slice.TopK(query, k, filter));
        }, iter: 60);

    [Fact]
    public void TheFloorIsTheKthLargestBlockBest() =>
        Gen.Float[-1f, 1f].Array[1, 400].SelectMany(values => Gen.Int[1, values.Length].Select(k => (values, k))).Sample(t =>
            Assert.Equal(t.values.OrderDescending().ElementAt(t.k - 1), LookSlice.KthLargest(t.values, t.k)), iter: 500);

    [Fact]
    public void EqualScoresAreOrderedById()
    {
        var vector = RandomVector(new Random(1));
        var slice = new LookSlice();
        foreach (var id in new[] { "c", "a", "d", "b" })
        {
            slice.Upsert(Look(id, vector, Gender.Unisex, [Season.Spring], [Occasion.Daily]));
        }

        Assert.Equal(["a", "b", "c"], slice.TopK(vector.ToArray(), 3, LookFilter.None).Select(h => h.Look.Id));
    }

    internal static void AssertExactTopK(IReadOnlyList<Look> looks, float[] query, int k, LookFilter filter, ImmutableArray<ShardHit> actual)
    {
        var expected = looks
            .Where(l => Admits(filter, l))
            .Select(l => (Look: l, Score: Cosine(query, l.StyleVector.Values)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Look.Id, StringComparer.Ordinal)
            .Take(k)
            .ToList();

        Assert.Equal(expected.Count, actual.Length);
        if (expected.Count == 0)
        {
            return;
        }

        var kth = expected[^1].Score;
        var byId = looks.ToDictionary(l => l.Id);
        for (var i = 0; i < actual.Length; i++)
        {
            Assert.True(Admits(filter, actual[i].Look), $"{actual[i].Look.Id} fails the filter");
            var exact = Cosine(query, byId[actual[i].Look.Id].StyleVector.Values);
            Assert.True(Math.Abs(exact - actual[i].Cosine) < Tolerance, $"score of {actual[i].Look.Id}: {actual[i].Cosine} vs {exact}");
            Assert.True(Math.Abs(expected[i].Score - actual[i].Cosine) < Tolerance, $"rank {i}: {actual[i].Cosine} vs {expected[i].Score}");
            Assert.True(exact >= kth - Tolerance);
        }

        // Every look clearly inside the top k must be returned; only near-ties at the boundary may differ.
        var returned = actual.Select(h => h.Look.Id).ToHashSet();
        Assert.All(expected.Where(e => e.Score > kth + Tolerance), e => Assert.Contains(e.Look.Id, returned));
        Assert.Equal(actual.Length, returned.Count);
    }

    // Written against the filter's meaning, not FilterMask, so the two can disagree.
    internal static bool Admits(LookFilter filter, Look look) =>
        (filter.Gender is not { } g || g == Gender.Unisex || look.Gender == g || look.Gender == Gender.Unisex)
        && (filter.Season is not { } s || look.Seasons.Contains(s))
        && (filter.Occasion is not { } o || look.Occasions.Contains(o))
        && (filter.ExcludedIds.IsDefaultOrEmpty || !filter.ExcludedIds.Contains(look.Id));

    internal static double Cosine(float[] a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    internal static (float[] Query, int K, LookFilter Filter) RandomQuery(Random rng, IReadOnlyList<Look> looks)
    {
        var query = RandomVector(rng).ToArray();
        var k = rng.Next(1, 60);
        var excluded = looks.Count == 0 ? [] : Enumerable.Range(0, rng.Next(0, 20)).Select(_ => looks[rng.Next(looks.Count)].Id).Append("unknown-id").ToImmutableArray();
        var filter = new LookFilter(
            rng.Next(4) == 0 ? null : (Gender)rng.Next(3),
            rng.Next(3) == 0 ? null : (Season)rng.Next(4),
            rng.Next(3) == 0 ? null : (Occasion)rng.Next(6),
            excluded);
        return (query, k, filter);
    }

    internal static Look[] RandomLooks(Random rng, int count, int idOffset = 0)
    {
        var looks = new Look[count];
        StyleVector? previous = null;
        for (var i = 0; i < count; i++)
        {
            // Every tenth look repeats the previous vector, so ties on score are exercised.
            var vector = previous is not null && rng.Next(10) == 0 ? previous : RandomVector(rng);
            previous = vector;
            looks[i] = Look($"look-{idOffset + i:D5}", vector, (Gender)rng.Next(3),
                [.. Enumerable.Range(0, 4).Where(_ => rng.Next(2) == 0).Select(s => (Season)s).DefaultIfEmpty(Season.Winter)],
                [.. Enumerable.Range(0, 6).Where(_ => rng.Next(3) == 0).Select(o => (Occasion)o).DefaultIfEmpty(Occasion.Daily)]);
        }

        return looks;
    }

    internal static StyleVector RandomVector(Random rng)
    {
        var values = new float[StyleTaxonomy.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = rng.Next(3) == 0 ? (float)rng.NextDouble() : 0f;
        }

        values[rng.Next(values.Length)] += 0.1f + (float)rng.NextDouble();
        return StyleVector.Create(values);
    }

    private static Look Look(string id, StyleVector vector, Gender gender, ImmutableArray<Season> seasons, ImmutableArray<Occasion> occasions) =>
        new(id, id, null, gender, seasons, occasions, 0, 20, [], [], vector);
}
