using CsCheck;
using OtMz.Grains;
using OtMz.Grains.Demo;
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

    /// <summary>
    /// The reasons' keys and texts, written here the plain way: the ranker builds them without LINQ, and must say the
    /// same. Which terms are named is <see cref="LookRankerReasonTests"/>'s; here, a named style holds more than a
    /// third of the look's taste match, and named styles come largest share first.
    /// </summary>
    [Fact]
    public void ReasonsNameTheLargestStyleSharesAndTheBestLikedColour() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var looks = DemoCatalog.Generate(rng.Next(1, 200), seed);
            var taste = new float[StyleTaxonomy.Count];
            for (var n = rng.Next(1, 6); n > 0; n--)
            {
                // Some equal entries, so that ties between style shares occur.
                taste[rng.Next(taste.Length)] = rng.Next(3) == 0 ? 0.5f : (float)rng.NextDouble();
            }

            var colours = new float[21];
            for (var n = rng.Next(0, 4); n > 0; n--)
            {
                colours[rng.Next(colours.Length)] = (float)rng.NextDouble();
            }

            var context = new RankingContext(taste, colours, _ => false, rng.Next(2) == 0 ? null : rng.Next(-10, 35) + 0.25f, null);
            var candidates = looks.Select(l => new ShardHit(l, VectorMath.Cosine(taste, l.StyleVector.Values))).ToArray();
            var unitTaste = VectorMath.Normalized(taste);

            foreach (var ranked in LookRanker.Rank(candidates, context, 20, new RankingOptions()))
            {
                Assert.InRange(ranked.Reasons.Length, 0, LookRanker.MaxShownReasons);
                var unit = VectorMath.Normalized(ranked.Look.StyleVector.Values);
                var cosine = VectorMath.Cosine(taste, ranked.Look.StyleVector.Values);
                var largestShares = Enumerable.Range(0, StyleTaxonomy.Count)
                    .Select(i => (Key: StyleTaxonomy.KeyOf(i), Share: unitTaste[i] * unit[i]))
                    .Where(x => x.Share > cosine / 3)
                    .OrderByDescending(x => x.Share)
                    .Select(x => $"{x.Key}:{x.Share:R}:Matches your {x.Key} taste")
                    .ToList();
                var named = ranked.Reasons.Where(r => r.Kind == "style").Select(r => $"{r.Key}:{r.Contribution:R}:{r.Text}").ToList();
                Assert.Equal(largestShares.Where(named.Contains), named);

                if (ranked.Reasons.Where(r => r.Kind == "colour").ToList() is [var colour])
                {
                    var liked = ranked.Look.Palette.OrderByDescending(p => colours[(int)p.Colour] * p.Weight).First().Colour.ToString().ToLowerInvariant();
                    Assert.Equal(liked, colour.Key);
                }

                if (ranked.Reasons.Where(r => r.Kind == "weather").ToList() is [var weather])
                {
                    var t = context.TemperatureC!.Value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
                    Assert.Contains($" {t}°C (made for {ranked.Look.MinTempC}–{ranked.Look.MaxTempC}°C)", weather.Text);
                }
            }
        }, iter: 200);

    /// <summary>
    /// A term that cannot order two looks is never a reason: one weighted zero, or the weather at a weight whose
    /// largest difference between two looks is within a tie. Without the variety rule nothing is reordered for variety.
    /// </summary>
    [Fact]
    public void ATermThatCannotOrderTwoLooksIsNeverAReason() =>
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var (candidates, context) = DemoRankingLists.Users(1, seed).Single();
            var options = new RankingOptions
            {
                WeatherWeight = rng.Next(2) == 0 ? 0f : LookRanker.Tie / 2.5f,
                ColourWeight = 0,
                ClosetWeight = 0,
                OccasionWeight = 0,
                SeenPenalty = 0,
                DiversityWeight = 0,
            };

            var ranked = LookRanker.Rank(candidates, context, rng.Next(1, 51), options);

            Assert.All(ranked, r => Assert.All(r.Reasons, x => Assert.Equal("style", x.Kind)));
        }, iter: 50);

    private static string Describe(RecommendedLook look) =>
        $"{look.Look.Id} {look.Score:R} " + string.Join("|", look.Reasons.Select(r => $"{r.Kind}:{r.Key}:{r.Contribution:R}:{r.Text}"));
}
