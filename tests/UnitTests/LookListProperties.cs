using System.Collections.Immutable;
using CsCheck;
using OtMz.Grains.Catalog;

namespace OtMz.UnitTests;

/// <summary>
/// The style list's index and fan-out must give exactly what a plain filter, sort and take over the whole catalog
/// gives, page by page, for random catalogs, filters, cursors and limits, also while looks are written between pages.
/// </summary>
public class LookListProperties
{
    [Fact]
    public void AShardPageEqualsTheNaivePage() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var looks = RandomLooks(rng, rng.Next(0, 700));
            var index = new LookListIndex();
            index.Load(looks);
            for (var q = 0; q < 20; q++)
            {
                var query = RandomQuery(rng, looks);
                AssertPage(NaivePage(looks, query), index.List(query));
            }
        }, iter: 150);

    [Fact]
    public async Task PagingThroughTheFanOutReturnsEveryMatchOnceInIdOrder() =>
        await Gen.Int.SampleAsync(async seed =>
        {
            var rng = new Random(seed);
            var looks = RandomLooks(rng, rng.Next(0, 1_500));
            var shards = Sharded(looks, rng.Next(1, 17));
            var query = RandomQuery(rng, looks) with { After = null, Limit = rng.Next(1, 120) };

            var seen = new List<string>();
            for (var pages = 0; ; pages++)
            {
                Assert.True(pages <= looks.Length + 1, "paging does not end");
                var page = await List(shards, query);
                AssertPage(NaivePage(looks, query), page);
                seen.AddRange(page.Items.Select(l => l.Id));
                if (page.NextCursor is null)
                {
                    break;
                }

                query = query with { After = page.NextCursor };
            }

            Assert.Equal(looks.Where(l => Matches(l, query)).Select(l => l.Id).Order(StringComparer.Ordinal), seen);
        }, iter: 150);

    [Fact]
    public async Task WritesBetweenPagesShowOnTheNextPageAndUntouchedLooksComeOnce() =>
        await Gen.Int.SampleAsync(async seed =>
        {
            var rng = new Random(seed);
            var live = RandomLooks(rng, rng.Next(0, 900)).ToDictionary(l => l.Id, StringComparer.Ordinal);
            var shardCount = rng.Next(1, 17);
            var shards = Sharded(live.Values, shardCount);
            var query = RandomQuery(rng, [.. live.Values]) with { After = null, Limit = rng.Next(1, 40) };
            var untouched = live.Keys.ToHashSet(StringComparer.Ordinal);
            var matchingAtStart = live.Values.Where(l => Matches(l, query)).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);

            var seen = new List<string>();
            for (var pages = 0; ; pages++)
            {
                Assert.True(pages <= 10_000, "paging does not end");
                var page = await List(shards, query);
                AssertPage(NaivePage(live.Values, query), page);
                seen.AddRange(page.Items.Select(l => l.Id));
                if (page.NextCursor is null)
                {
                    break;
                }

                query = query with { After = page.NextCursor };
                for (var writes = rng.Next(0, 12); writes > 0; writes--)
                {
                    Write(rng, live, shards, untouched);
                }
            }

            Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Empty(matchingAtStart.Where(untouched.Contains).Except(seen));
            Assert.Equal(live.Count, shards.Sum(s => s.Count));
        }, iter: 100);

    [Fact]
    public void AnIndexBuiltByWritesEqualsOneLoadedAtOnce() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var live = new Dictionary<string, Look>(StringComparer.Ordinal);
            var index = new LookListIndex();
            var untouched = new HashSet<string>();
            for (var step = rng.Next(0, 600); step > 0; step--)
            {
                Write(rng, live, [index], untouched);
            }

            var loaded = new LookListIndex();
            loaded.Load(live.Values);
            Assert.Equal(live.Count, index.Count);
            for (var q = 0; q < 10; q++)
            {
                var query = RandomQuery(rng, [.. live.Values]);
                var expected = loaded.List(query);
                AssertPage(expected, index.List(query));
                AssertPage(NaivePage(live.Values, query), expected);
            }
        }, iter: 150);

    [Fact]
    public void ShiftingABitmapMovesEveryBitAfterThePosition() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var count = rng.Next(1, 400);
            var bits = Enumerable.Range(0, count).Select(_ => rng.Next(2) == 1).ToList();
            var bitmap = new ulong[count / 64 + 2];
            for (var i = 0; i < count; i++)
            {
                bitmap[i >> 6] |= bits[i] ? 1UL << (i & 63) : 0;
            }

            var position = rng.Next(0, count);
            LookListIndex.ShiftUp(bitmap, position, count);
            bits.Insert(position, false);
            Assert.Equal(bits, Read(bitmap, bitmap.Length * 64).Take(count + 1));
            Assert.DoesNotContain(true, Read(bitmap, bitmap.Length * 64).Skip(count + 1));

            var removed = rng.Next(0, count + 1);
            LookListIndex.ShiftDown(bitmap, removed, count + 1);
            bits.RemoveAt(removed);
            Assert.Equal(bits, Read(bitmap, bitmap.Length * 64).Take(count));
            Assert.DoesNotContain(true, Read(bitmap, bitmap.Length * 64).Skip(count));
        }, iter: 500);

    [Fact]
    public void LoadingTheSameIdTwiceIsRefused() =>
        Assert.Throws<ArgumentException>(() => new LookListIndex().Load(RandomLooks(new Random(1), 3).Select(l => l with { Id = "same" }).ToArray()));

    private static IEnumerable<bool> Read(ulong[] bitmap, int count) =>
        Enumerable.Range(0, count).Select(i => (bitmap[i >> 6] >> (i & 63) & 1) == 1);

    /// <summary>An insert of a new look, a replacement with new attributes, or a delete, to the model and its shard.</summary>
    private static void Write(Random rng, Dictionary<string, Look> live, LookListIndex[] shards, HashSet<string> untouched)
    {
        Look look;
        switch (rng.Next(3))
        {
            case 0 when live.Count > 0:
                var victim = live.Keys.ElementAt(rng.Next(live.Count));
                Assert.True(shards[ShardRouter.ShardOf(victim, shards.Length)].Remove(victim));
                Assert.False(shards[ShardRouter.ShardOf(victim, shards.Length)].Remove(victim));
                live.Remove(victim);
                untouched.Remove(victim);
                return;
            case 1 when live.Count > 0:
                look = RandomLook(rng, live.Keys.ElementAt(rng.Next(live.Count)));
                break;
            default:
                look = RandomLook(rng, RandomId(rng));
                break;
        }

        shards[ShardRouter.ShardOf(look.Id, shards.Length)].Upsert(look);
        live[look.Id] = look;
        untouched.Remove(look.Id);
    }

    private static Task<LookPage> List(LookListIndex[] shards, LookListQuery query) =>
        CatalogFanOut.ListAsync((shard, q) => Task.FromResult(shards[shard].List(q)), shards.Length, query);

    private static LookListIndex[] Sharded(IEnumerable<Look> looks, int shardCount)
    {
        var shards = Enumerable.Range(0, shardCount).Select(_ => new LookListIndex()).ToArray();
        foreach (var group in looks.GroupBy(l => ShardRouter.ShardOf(l.Id, shardCount)))
        {
            shards[group.Key].Load([.. group]);
        }

        return shards;
    }

    private static void AssertPage(LookPage expected, LookPage actual)
    {
        Assert.Equal(expected.Items.Select(l => l.Id), actual.Items.Select(l => l.Id));
        Assert.True(expected.Items.Zip(actual.Items).All(p => ReferenceEquals(p.First, p.Second)), "a page holds a stale look");
        Assert.Equal(expected.NextCursor, actual.NextCursor);
    }

    /// <summary>What the style list means, written without the index: filter, order by id, take, and say whether more match.</summary>
    private static LookPage NaivePage(IEnumerable<Look> looks, LookListQuery query)
    {
        var matches = looks
            .Where(l => (query.After is null || string.CompareOrdinal(l.Id, query.After) > 0) && Matches(l, query))
            .OrderBy(l => l.Id, StringComparer.Ordinal)
            .ToList();
        var items = matches.Take(Math.Max(0, query.Limit)).ToImmutableArray();
        return new LookPage(items, matches.Count > items.Length && items.Length > 0 ? items[^1].Id : null);
    }

    private static bool Matches(Look look, LookListQuery query) =>
        (query.StyleIndex is not { } style || look.StyleVector[style] >= LookListQuery.StyleThreshold)
        && (query.Gender is not { } gender || look.Gender == gender || (gender != Gender.Unisex && look.Gender == Gender.Unisex))
        && (query.Season is not { } season || look.Seasons.Contains(season))
        && (query.Occasion is not { } occasion || look.Occasions.Contains(occasion))
        && (query.Colour is not { } colour || look.Palette.Any(p => p.Colour == colour));

    /// <summary>Filters each present or not, a cursor that is a look's id, an id between looks, or outside them all.</summary>
    private static LookListQuery RandomQuery(Random rng, IReadOnlyList<Look> looks)
    {
        var after = rng.Next(4) switch
        {
            0 => null,
            1 when looks.Count > 0 => looks[rng.Next(looks.Count)].Id,
            2 => rng.Next(2) == 0 ? "" : "\uffff",
            _ => RandomId(rng),
        };

        return new LookListQuery(
            rng.Next(3) == 0 ? rng.Next(StyleTaxonomy.Count) : null,
            rng.Next(3) == 0 ? (Gender)rng.Next(3) : null,
            rng.Next(3) == 0 ? (Season)rng.Next(4) : null,
            rng.Next(3) == 0 ? (Occasion)rng.Next(6) : null,
            rng.Next(3) == 0 ? (Colour)rng.Next(21) : null,
            after,
            rng.Next(8) == 0 ? rng.Next(-1, 2) : rng.Next(1, 120));
    }

    private static Look[] RandomLooks(Random rng, int count)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < count)
        {
            ids.Add(RandomId(rng));
        }

        return [.. ids.Select(id => RandomLook(rng, id))];
    }

    // Short ids over a small alphabet with both cases, so ordinal order, shared prefixes and near misses all occur.
    private static string RandomId(Random rng) =>
        new([.. Enumerable.Range(0, rng.Next(1, 7)).Select(_ => "aBz09-_Zé"[rng.Next(9)])]);

    private static Look RandomLook(Random rng, string id)
    {
        var styles = new float[StyleTaxonomy.Count];
        for (var s = 0; s < styles.Length; s++)
        {
            // Scores on and either side of the threshold.
            styles[s] = rng.Next(4) switch { 0 => 0.5f, 1 => 0.49999997f, 2 => (float)rng.NextDouble(), _ => 0f };
        }

        styles[rng.Next(styles.Length)] += 0.1f;
        return new Look(id, id, null, (Gender)rng.Next(3),
            [.. Enumerable.Range(0, 4).Where(_ => rng.Next(3) == 0).Select(s => (Season)s)],
            [.. Enumerable.Range(0, 6).Where(_ => rng.Next(3) == 0).Select(o => (Occasion)o)],
            0, 20,
            [.. Enumerable.Range(0, rng.Next(0, 4)).Select(_ => new PaletteEntry((Colour)rng.Next(21), 0.3f))],
            [], StyleVector.Create(styles));
    }
}
