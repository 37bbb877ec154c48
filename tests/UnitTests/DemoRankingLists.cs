using OtMz.Grains;
using OtMz.Grains.Demo;
using OtMz.Grains.Ranking;

namespace OtMz.UnitTests;

/// <summary>
/// Typical lists over the demo catalog, as a user grain ranks them: a taste of one to three styles, a liked colour
/// or two, the region's temperature or none, a usual occasion, for a third a closet, a fifth of the candidates seen, and the 150 looks
/// nearest the taste among those for the user's gender, as the shards return them.
/// </summary>
public static class DemoRankingLists
{
    private static readonly Lazy<Look[]> Catalog = new(() => DemoCatalog.Generate(3000, 17));

    public static IEnumerable<(IReadOnlyList<ShardHit> Candidates, RankingContext Context)> Users(int count, int seed)
    {
        var rng = new Random(seed);
        for (var u = 0; u < count; u++)
        {
            var taste = new float[StyleTaxonomy.Count];
            for (var n = rng.Next(1, 4); n > 0; n--)
            {
                taste[rng.Next(taste.Length)] += n == 1 ? 1f : (float)(0.2 + 0.6 * rng.NextDouble());
            }

            var colours = new float[Enum.GetValues<Colour>().Length];
            for (var n = rng.Next(0, 3); n > 0; n--)
            {
                colours[rng.Next(colours.Length)] = (float)(0.2 + 0.8 * rng.NextDouble());
            }

            var gender = rng.Next(2) == 0 ? Gender.Women : Gender.Men;
            var candidates = Catalog.Value
                .Where(l => l.Gender == gender || l.Gender == Gender.Unisex)
                .Select(l => new ShardHit(l, VectorMath.Cosine(taste, l.StyleVector.Values)))
                .OrderByDescending(h => h.Cosine)
                .ThenBy(h => h.Look.Id, StringComparer.Ordinal)
                .Take(150)
                .ToArray();
            var seen = candidates.Where(_ => rng.Next(5) == 0).Select(h => h.Look.Id).ToHashSet();
            float? temperature = rng.Next(3) == 0 ? null : rng.Next(-8, 32);
            Occasion? occasion = rng.Next(4) == 0 ? null : (Occasion)rng.Next(Enum.GetValues<Occasion>().Length);
            float[]? closet = null;
            if (rng.Next(3) == 0)
            {
                closet = new float[StyleTaxonomy.Count];
                closet[rng.Next(closet.Length)] = 1f;
                closet[rng.Next(closet.Length)] += 0.5f;
                closet = VectorMath.Normalized(closet);
            }

            yield return (candidates, new RankingContext(taste, colours, seen.Contains, temperature, occasion, closet));
        }
    }
}
