using CsCheck;
using OtMz.Grains;
using OtMz.Grains.Catalog;
using OtMz.Grains.Ranking;

namespace OtMz.UnitTests;

/// <summary>
/// The user grain ranks only as many looks as were asked for and ranks more from the same candidates when a
/// longer list is asked for later; that is only right if ranking fewer gives exactly the start of ranking more.
/// </summary>
public class LookRankerProperties
{
    [Fact]
    public void RankingFewerLooksGivesExactlyTheStartOfRankingMore() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var looks = DemoCatalog.Generate(rng.Next(0, 300), seed);
            var taste = new float[StyleTaxonomy.Count];
            taste[rng.Next(taste.Length)] = 1f;
            taste[rng.Next(taste.Length)] += (float)rng.NextDouble();
            var colours = new float[21];
            colours[rng.Next(colours.Length)] = (float)rng.NextDouble();
            var seen = looks.Where(_ => rng.Next(5) == 0).Select(l => l.Id).ToHashSet();
            var context = new RankingContext(taste, colours, seen.Contains, rng.Next(2) == 0 ? null : rng.Next(-10, 35), rng.Next(2) == 0 ? null : (Occasion)rng.Next(6));
            var candidates = looks.Select(l => new ShardHit(l, VectorMath.Cosine(taste, l.StyleVector.Values))).ToArray();
            var options = new RankingOptions();

            var more = LookRanker.Rank(candidates, context, 50, options);
            var k = rng.Next(1, 51);
            var fewer = LookRanker.Rank(candidates, context, k, options);

            Assert.Equal(Math.Min(k, candidates.Length), fewer.Length);
            Assert.Equal(more.Take(k).Select(Describe), fewer.Select(Describe));
        }, iter: 200);

    private static string Describe(RecommendedLook look) =>
        $"{look.Look.Id} {look.Score:R} " + string.Join("|", look.Reasons.Select(r => $"{r.Kind}:{r.Key}:{r.Contribution:R}:{r.Text}"));
}
