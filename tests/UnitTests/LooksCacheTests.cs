using OtMz.Grains.Users;

namespace OtMz.UnitTests;

public class LooksCacheTests
{
    private static readonly DateTimeOffset First = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static LookRecommendations Ranked(long version, int count, DateTimeOffset? at = null) =>
        new(version, at ?? First, [.. Enumerable.Range(0, count).Select(i => new RecommendedLook(null!, 1f - i / 100f, []))]);

    [Fact]
    public void AnEmptyCacheRanksWhatIsAskedFor()
    {
        var cache = new LooksCache();

        Assert.Null(cache.TryTake(null, 1, 20, out var rank, out var generatedAt));
        Assert.Equal(20, rank);
        Assert.Null(generatedAt);
    }

    [Fact]
    public void AReadAtTheSameVersionIsAnsweredFromTheCacheAndAShorterOneIsItsStart()
    {
        var cache = new LooksCache();
        var stored = cache.Store(null, Ranked(3, 20), 20, 20);

        Assert.Same(stored, cache.TryTake(null, 3, 20, out _, out _));
        var shorter = cache.TryTake(null, 3, 5, out _, out _);
        Assert.Equal(stored.Items[..5].Select(l => l.Score), shorter!.Items.Select(l => l.Score));
        Assert.Equal(3, shorter.Version);
    }

    [Fact]
    public void ANewVersionRanksAfresh()
    {
        var cache = new LooksCache();
        cache.Store(null, Ranked(3, 20), 20, 20);

        Assert.Null(cache.TryTake(null, 4, 20, out var rank, out var generatedAt));
        Assert.Equal(20, rank);
        Assert.Null(generatedAt);
    }

    [Fact]
    public void ALongerListAtTheSameVersionRanksTheMostOnceAndKeepsTheTimeOfGeneration()
    {
        var cache = new LooksCache();
        cache.Store(null, Ranked(3, 20), 20, 20);

        Assert.Null(cache.TryTake(null, 3, 30, out var rank, out var generatedAt));
        Assert.Equal(RecommendationQuery.MaxK, rank);
        Assert.Equal(First, generatedAt);
        cache.Store(null, Ranked(3, RecommendationQuery.MaxK, generatedAt), rank, 30);
        Assert.Equal(30, cache.TryTake(null, 3, 30, out _, out _)!.Items.Length);
        Assert.Equal(RecommendationQuery.MaxK, cache.TryTake(null, 3, RecommendationQuery.MaxK, out _, out _)!.Items.Length);
    }

    [Fact]
    public void AListShorterThanRankedHadEveryCandidateAndCoversAnyLength()
    {
        var cache = new LooksCache();
        cache.Store(null, Ranked(3, 7), 20, 20);

        Assert.Equal(7, cache.TryTake(null, 3, RecommendationQuery.MaxK, out _, out _)!.Items.Length);
    }

    [Fact]
    public void EachOccasionHasItsOwnListAndClearForgetsThemAll()
    {
        var cache = new LooksCache();
        cache.Store(Occasion.Work, Ranked(3, 20), 20, 20);

        Assert.Null(cache.TryTake(null, 3, 20, out _, out _));
        Assert.Null(cache.TryTake(Occasion.Date, 3, 20, out _, out _));
        Assert.NotNull(cache.TryTake(Occasion.Work, 3, 20, out _, out _));
        cache.Clear();
        Assert.Null(cache.TryTake(Occasion.Work, 3, 20, out _, out _));
    }

    [Theory]
    [InlineData(5, 2, true, 7)]
    [InlineData(5, 2, false, 5)]
    [InlineData(0, 0, true, 0)]
    public void TheLooksVersionFollowsTheClosetOnlyWhileTheRankingWeighsIt(long taste, long closet, bool usesCloset, long expected) =>
        Assert.Equal(expected, LooksCache.VersionOf(taste, closet, usesCloset));

    [Fact]
    public void TheLooksVersionMovesWheneverTheTasteOrAWeighedClosetMoves()
    {
        var before = LooksCache.VersionOf(5, 2, rankingUsesCloset: true);

        Assert.True(LooksCache.VersionOf(6, 2, rankingUsesCloset: true) > before);
        Assert.True(LooksCache.VersionOf(5, 3, rankingUsesCloset: true) > before);
        Assert.Equal(LooksCache.VersionOf(5, 2, rankingUsesCloset: false), LooksCache.VersionOf(5, 3, rankingUsesCloset: false));
    }
}
