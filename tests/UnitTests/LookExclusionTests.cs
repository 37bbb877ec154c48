using OtMz.Grains.Users;

namespace OtMz.UnitTests;

/// <summary>Leaving out the looks a client shows: from the cached ranking while it has k left, never changing that ranking.</summary>
public class LookExclusionTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static Look Look(string id) => new(id, id, null, Gender.Unisex, [Season.Spring], [Occasion.Daily], 0, 20,
        [new PaletteEntry(Colour.Black, 1f)], [], StyleVector.Create([.. Enumerable.Repeat(1f, StyleTaxonomy.Count)]));

    private static LookRecommendations Ranked(int count) =>
        new(7, At, [.. Enumerable.Range(0, count).Select(i => new RecommendedLook(Look($"look-{i}"), 1f - i / 100f, []))]);

    private static HashSet<string> Ids(params int[] indices) => [.. indices.Select(i => $"look-{i}")];

    [Fact]
    public void TheExcludedLooksAreLeftOutAndTheNextOnesFillTheList()
    {
        var ranked = Ranked(50);

        var kept = LookExclusion.TryFrom(ranked, 50, Ids(0, 2, 4), 5);

        Assert.Equal(["look-1", "look-3", "look-5", "look-6", "look-7"], kept!.Items.Select(i => i.Look.Id));
        Assert.Equal(ranked.Version, kept.Version);
        Assert.Equal(ranked.GeneratedAt, kept.GeneratedAt);
        // The cached ranking itself is untouched for the next reader.
        Assert.Equal(50, ranked.Items.Length);
        Assert.Equal("look-0", ranked.Items[0].Look.Id);
    }

    [Fact]
    public void ARankingCutAtItsLimitThatLeavesTooFewMustBeRankedAgain() =>
        Assert.Null(LookExclusion.TryFrom(Ranked(50), 50, Ids([.. Enumerable.Range(0, 40)]), 20));

    [Fact]
    public void ARankingOfEveryCandidateGivesWhatIsLeftOfIt()
    {
        var kept = LookExclusion.TryFrom(Ranked(12), 50, Ids(0, 1, 2), 20);

        Assert.Equal(9, kept!.Items.Length);
    }
}
