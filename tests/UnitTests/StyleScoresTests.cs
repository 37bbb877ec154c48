namespace OtMz.UnitTests;

public class StyleScoresTests
{
    private static float[] Vector(params (string Key, float Score)[] scores)
    {
        var values = new float[StyleTaxonomy.Count];
        foreach (var (key, score) in scores)
        {
            StyleTaxonomy.TryGetIndex(key, out var index);
            values[index] = score;
        }

        return values;
    }

    [Fact]
    public void EveryStyleComesRoundedHighestFirstWithTiesInTaxonomyOrder()
    {
        var scores = StyleScores.Rank(Vector(("street", 0.5f), ("punk", 0.123456f), ("classic", 0.12346f)));

        Assert.Equal(StyleTaxonomy.Count, scores.Length);
        Assert.Equal(new StyleScore("street", 0.5f), scores[0]);
        // 0.123456 and 0.12346 both round to 0.1235: classic comes first in the taxonomy.
        Assert.Equal(new StyleScore("classic", 0.1235f), scores[1]);
        Assert.Equal(new StyleScore("punk", 0.1235f), scores[2]);
        Assert.Equal(StyleTaxonomy.All.Select(s => s.Key).Where(k => k is not ("street" or "punk" or "classic")), scores.Skip(3).Select(s => s.Key));
        Assert.All(scores.Skip(3), s => Assert.Equal(0f, s.Score));
    }

    [Fact]
    public void TheTopFewPositiveLeaveOutWhatRoundsToZero()
    {
        var scores = StyleScores.Rank(Vector(("sporty", 0.3f), ("modern", 0.00004f), ("retro", 0.6f)), 5, positiveOnly: true);

        Assert.Equal(["retro", "sporty"], scores.Select(s => s.Key));
    }

    [Fact]
    public void TakeCutsTheList() =>
        Assert.Equal(["retro", "sporty"], StyleScores.Rank(Vector(("sporty", 0.3f), ("retro", 0.6f), ("punk", 0.1f)), 2).Select(s => s.Key));

    /// <summary>The projection is the LINQ one the taste, closet and closet item views each wrote before: round, order, filter, take.</summary>
    [Fact]
    public void MatchesRoundingThenAStableDescendingOrder()
    {
        var random = new Random(3);
        for (var run = 0; run < 200; run++)
        {
            var values = Enumerable.Range(0, StyleTaxonomy.Count).Select(_ => random.Next(4) == 0 ? 0f : MathF.Round((float)random.NextDouble(), random.Next(2, 6))).ToArray();
            var positiveOnly = run % 2 == 0;
            var take = random.Next(1, StyleTaxonomy.Count + 2);

            var expected = values.Select((score, i) => new StyleScore(StyleTaxonomy.KeyOf(i), MathF.Round(score, 4)))
                .Where(s => !positiveOnly || s.Score > 0)
                .OrderByDescending(s => s.Score)
                .Take(take);

            Assert.Equal(expected, StyleScores.Rank(values, take, positiveOnly));
        }
    }
}
