using System.Collections.Immutable;
using OtMz.Grains.Users;

namespace OtMz.UnitTests;

public class AdsCacheTests
{
    private static readonly DateTimeOffset First = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static ImmutableArray<RecommendedAd> Ads(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new RecommendedAd(null!, 1f - i / 100f, []))];

    [Fact]
    public void AnEmptyCacheHasNothing() => Assert.Null(new AdsCache().TryTake(1, 5));

    [Fact]
    public void AtTheSameVersionAsManyAsRankedOrFewerComeFromTheCache()
    {
        var cache = new AdsCache();
        var stored = cache.Store(2, Ads(5), 5, First, 5);

        Assert.Same(stored, cache.TryTake(2, 5));
        Assert.Equal(stored.Items[..3].Select(a => a.Score), cache.TryTake(2, 3)!.Items.Select(a => a.Score));
        Assert.Null(cache.TryTake(2, 8));
        Assert.Null(cache.TryTake(3, 5));
    }

    [Fact]
    public void RankingMoreAtTheSameVersionKeepsTheTimeOfGenerationAndANewVersionTakesTheNewTime()
    {
        var cache = new AdsCache();
        cache.Store(2, Ads(5), 5, First, 5);

        var more = cache.Store(2, Ads(8), 8, First.AddMinutes(1), 8);
        var next = cache.Store(3, Ads(5), 5, First.AddMinutes(2), 5);

        Assert.Equal(First, more.GeneratedAt);
        Assert.Equal(8, more.Items.Length);
        Assert.Equal(First.AddMinutes(2), next.GeneratedAt);
    }

    [Fact]
    public void FewerCampaignsThanRankedCoverAnyCountAndClearForgetsThem()
    {
        var cache = new AdsCache();
        cache.Store(2, Ads(3), 5, First, 5);

        Assert.Equal(3, cache.TryTake(2, AdRecommendations.MaxK)!.Items.Length);
        cache.Clear();
        Assert.Null(cache.TryTake(2, 1));
    }
}
