using OtMz.Grains.Catalog;

namespace OtMz.ClusterTests;

/// <summary>
/// A push ranks only the looks and ads it sends; a longer list asked for at the same version continues it (the
/// looks from the shards asked once more, at the same version and time of generation) and is the list a fresh
/// computation would give.
/// </summary>
[Collection(ClusterCollection.Name)]
public class UserGrainRankingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ALongerListContinuesTheShorterOneAndAsksTheShardsOncePerVersion()
    {
        var id = $"user-{Guid.NewGuid():N}";
        var user = fixture.Grains.GetGrain<IUserGrain>(id);
        var looks = await CatalogFanOut.QueryAsync(fixture.Grains, ClusterFixture.ShardCount, new ShardQuery(TasteOf(3), 2, LookFilter.None));
        await user.ApplySignals([
            new Signal("like", SignalType.Like, LookId: looks[0].Look.Id),
            new Signal("skip", SignalType.Skip, LookId: looks[1].Look.Id),
            new Signal("colour", SignalType.Colour, Colour: Colour.Navy)]);

        var pushed = await user.GetRecommendations(new RecommendationQuery(RecommendationQuery.DefaultK));
        var calls = ShardCallCounter.Calls;
        var longer = await user.GetRecommendations(new RecommendationQuery(RecommendationQuery.MaxK));
        var callsForLonger = ShardCallCounter.Calls;
        var between = await user.GetRecommendations(new RecommendationQuery(30));

        Assert.True(callsForLonger > calls, "the candidates are not kept, so the longer list asks the shards");
        Assert.Equal(callsForLonger, ShardCallCounter.Calls);
        Assert.Equal(RecommendationQuery.MaxK, longer.Items.Length);
        Assert.Equal((pushed.Version, pushed.GeneratedAt), (longer.Version, longer.GeneratedAt));
        Assert.Equal(pushed.Items.Select(Describe), longer.Items.Take(RecommendationQuery.DefaultK).Select(Describe));
        Assert.Equal(longer.Items.Take(30).Select(Describe), between.Items.Select(Describe));

        // The same state computed afresh for the longer list straight away.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var fresh = await user.GetRecommendations(new RecommendationQuery(RecommendationQuery.MaxK));
        Assert.Equal(longer.Version, fresh.Version);
        Assert.Equal(longer.Items.Select(Describe), fresh.Items.Select(Describe));
    }

    [Fact]
    public async Task TheAdSlateKeepsItsVersionAcrossReadsAndReactivation()
    {
        var user = fixture.Grains.GetGrain<IUserGrain>($"user-{Guid.NewGuid():N}");
        await user.SubmitSurvey(new SurveyAnswers([], ["street", "punk"]));

        var pushed = (await user.GetSnapshot()).Ads;
        var again = await user.GetAds(AdRecommendations.MaxK);
        var shorter = await user.GetAds(2);

        // The slate is the push's length whatever a read asks; a shorter read is its beginning.
        Assert.Equal(new OtMz.Grains.Push.PushOptions().AdsPerPush, pushed.Items.Length);
        Assert.Equal((pushed.Version, pushed.GeneratedAt), (again.Version, again.GeneratedAt));
        Assert.Equal(pushed.Items.Select(Describe), again.Items.Select(Describe));
        Assert.Equal(pushed.Items.Take(2).Select(Describe), shorter.Items.Select(Describe));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var fresh = await user.GetAds(AdRecommendations.MaxK);
        Assert.Equal(pushed.Version, fresh.Version);
        Assert.Equal(pushed.Items.Select(a => a.Campaign.Id), fresh.Items.Select(a => a.Campaign.Id));
    }

    private static float[] TasteOf(int style)
    {
        var taste = new float[StyleTaxonomy.Count];
        taste[style] = 1;
        return taste;
    }

    private static string Describe(RecommendedAd ad) => $"{ad.Campaign.Id} {ad.Score:R} {Describe(ad.Reasons)}";

    private static string Describe(RecommendedLook look) => $"{look.Look.Id} {look.Score:R} {Describe(look.Reasons)}";

    private static string Describe(IEnumerable<Reason> reasons) =>
        string.Join("|", reasons.Select(r => $"{r.Kind}:{r.Key}:{r.Contribution:R}:{r.Text}"));
}
