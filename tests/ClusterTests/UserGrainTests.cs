using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OtMz.Grains;
using OtMz.Grains.Catalog;
using OtMz.Grains.Taste;
using OtMz.Grains.Users;
using OtMz.Hosting;

namespace OtMz.ClusterTests;

[Collection(ClusterCollection.Name)]
public class UserGrainTests(ClusterFixture fixture)
{
    private static string NewUser() => $"user-{Guid.NewGuid():N}";

    private IUserGrain User(string id) => fixture.Grains.GetGrain<IUserGrain>(id);

    /// <summary>A look whose strongest style is <paramref name="styleKey"/>, straight from the shards.</summary>
    private async Task<Look> LookOfStyle(string styleKey)
    {
        StyleTaxonomy.TryGetIndex(styleKey, out var index);
        var query = new float[StyleTaxonomy.Count];
        query[index] = 1;
        var hits = await CatalogFanOut.QueryAsync(fixture.Grains, ClusterFixture.ShardCount, new ShardQuery(query, 1, LookFilter.None));
        return hits[0].Look;
    }

    private static float MeanCosine(LookRecommendations recommendations, Look look) =>
        recommendations.Items.Average(i => VectorMath.Cosine(i.Look.StyleVector.Values, look.StyleVector.Values));

    [Fact]
    public async Task ALikeMovesTheNextRecommendationsTowardsTheLikedLooksStyles()
    {
        var user = User(NewUser());
        var liked = await LookOfStyle("punk");
        var before = await user.GetRecommendations(new RecommendationQuery(20));

        var result = await user.ApplySignals([new Signal("like-1", SignalType.Like, LookId: liked.Id)]);

        Assert.NotNull(result.Ack);
        var after = await user.GetRecommendations(new RecommendationQuery(20));
        Assert.True(after.Version > before.Version);
        Assert.True(MeanCosine(after, liked) > MeanCosine(before, liked),
            $"mean cosine to the liked look went from {MeanCosine(before, liked)} to {MeanCosine(after, liked)}");
        var taste = await user.GetTaste();
        Assert.Contains("punk", taste.Styles.Take(3).Select(s => s.Key));
    }

    [Fact]
    public async Task ADuplicateSignalIdCountsOnce()
    {
        var user = User(NewUser());
        var look = await LookOfStyle("romantic");
        var like = new Signal("same-id", SignalType.Like, LookId: look.Id);

        var first = await user.ApplySignals([like]);
        var tasteAfterFirst = await user.GetTaste();
        var again = await user.ApplySignals([like]);
        var inOneBatch = await user.ApplySignals([like, like with { Id = "other-id" }, like with { Id = "other-id" }]);

        Assert.Equal(new SignalAck(1, 0, first.Ack!.Version), first.Ack);
        Assert.Equal(new SignalAck(0, 1, first.Ack.Version), again.Ack);
        Assert.Equal(1, inOneBatch.Ack!.Accepted);
        Assert.Equal(2, inOneBatch.Ack.Duplicates);
        var summary = await user.GetSummary();
        Assert.Equal(2, summary.SignalsApplied);
        Assert.Equal(tasteAfterFirst.Version + 1, summary.Version);
    }

    [Fact]
    public async Task SignalIdsSurviveDeactivation()
    {
        var id = NewUser();
        var look = await LookOfStyle("sporty");
        var ack = await User(id).ApplySignals([new Signal("kept", SignalType.Like, LookId: look.Id)]);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var again = await User(id).ApplySignals([new Signal("kept", SignalType.Like, LookId: look.Id)]);
        Assert.Equal(new SignalAck(0, 1, ack.Ack!.Version), again.Ack);
        Assert.Equal(1, (await User(id).GetSummary()).SignalsApplied);
    }

    [Fact]
    public async Task AReadWhenNothingChangedMakesNoShardCall()
    {
        var user = User(NewUser());
        var before = ShardCallCounter.Calls;
        var first = await user.GetRecommendations(new RecommendationQuery(10));
        var afterFirst = ShardCallCounter.Calls;

        var second = await user.GetRecommendations(new RecommendationQuery(10));
        var smaller = await user.GetRecommendations(new RecommendationQuery(5));

        Assert.True(afterFirst - before >= ClusterFixture.ShardCount, "the first read fans out to every shard");
        Assert.Equal(afterFirst, ShardCallCounter.Calls);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.Items.Select(i => i.Look.Id), second.Items.Select(i => i.Look.Id));
        Assert.Equal(first.Items.Take(5).Select(i => i.Look.Id), smaller.Items.Select(i => i.Look.Id));
    }

    [Fact]
    public async Task AWeatherChangeInTheUsersRegionRecomputesAndMovesTheVersion()
    {
        var user = User(NewUser());
        var region = $"region-{Guid.NewGuid():N}"[..20];
        await user.UpdateProfile(new UserProfile(Region: region));
        var cold = await fixture.Grains.GetGrain<IRegionGrain>(region).SetWeather(new Weather(-8, 0, "snow", DateTimeOffset.UtcNow));
        var inCold = await user.GetRecommendations(new RecommendationQuery(10));
        var calls = ShardCallCounter.Calls;

        await fixture.Grains.GetGrain<IRegionGrain>(region).SetWeather(new Weather(31, 0, "sunny", DateTimeOffset.UtcNow));
        var inHeat = await user.GetRecommendations(new RecommendationQuery(10));

        Assert.Equal(1, cold.Version);
        Assert.True(ShardCallCounter.Calls > calls);
        Assert.True(inHeat.Version > inCold.Version);
        Assert.True(inHeat.Items.Average(i => i.Look.MaxTempC) > inCold.Items.Average(i => i.Look.MaxTempC));
        // The looks of the season all suit the cold alike, so the weather reorders none of them there; where it names
        // the weather, a list speaks of the temperature it was ranked for.
        Assert.All(inCold.Items.SelectMany(i => i.Reasons).Where(r => r.Kind == "weather"), r => Assert.Contains("-8°C", r.Text));
        Assert.All(inHeat.Items.SelectMany(i => i.Reasons).Where(r => r.Kind == "weather"), r => Assert.Contains("31°C", r.Text));
    }

    [Fact]
    public async Task ACatalogChangeInvalidatesTheCache()
    {
        var user = User(NewUser());
        await user.GetRecommendations(new RecommendationQuery(10));
        var calls = ShardCallCounter.Calls;
        var template = await LookOfStyle("western");

        await fixture.Grains.GetGrain<ICatalogGrain>(0).Upsert(template with { Id = $"look-new-{Guid.NewGuid():N}" });
        await user.GetRecommendations(new RecommendationQuery(10));

        Assert.True(ShardCallCounter.Calls > calls);
    }

    [Fact]
    public async Task ADislikedLookIsNeverRecommendedAgain()
    {
        var user = User(NewUser());
        var top = (await user.GetRecommendations(new RecommendationQuery(5))).Items[0].Look;

        await user.ApplySignals([new Signal("no", SignalType.Dislike, LookId: top.Id)]);

        Assert.DoesNotContain(top.Id, (await user.GetRecommendations(new RecommendationQuery(50))).Items.Select(i => i.Look.Id));
    }

    [Fact]
    public async Task ASignalAboutAnUnknownLookChangesNothing()
    {
        var user = User(NewUser());
        var look = await LookOfStyle("classic");
        var result = await user.ApplySignals([new Signal("ok", SignalType.Like, LookId: look.Id), new Signal("bad", SignalType.Like, LookId: "look-does-not-exist")]);

        Assert.Null(result.Ack);
        Assert.True(result.NotFound);
        Assert.Equal("signals[1].lookId", Assert.Single(result.Errors).Field);
        var summary = await user.GetSummary();
        Assert.Equal(0, summary.SignalsApplied);
        Assert.Equal(0, summary.Version);
    }

    [Fact]
    public async Task TheSurveySeedsTheTasteWithThePickedStyles()
    {
        var user = User(NewUser());
        var result = await user.SubmitSurvey(new SurveyAnswers([], ["military", "country"]));

        Assert.True(result.Succeeded);
        var taste = await user.GetTaste();
        Assert.Equal(["country", "military"], taste.Styles.Take(2).Select(s => s.Key).Order());
        Assert.True((await user.GetSummary()).SurveyCompleted);
    }

    [Fact]
    public async Task EachSignalTypeIsApplied()
    {
        var user = User(NewUser());
        var look = await LookOfStyle("hippie");
        var result = await user.ApplySignals([
            new Signal("1", SignalType.Like, LookId: look.Id),
            new Signal("2", SignalType.Save, LookId: look.Id),
            new Signal("3", SignalType.Dwell, LookId: look.Id, DwellMs: 12_000),
            new Signal("4", SignalType.Dwell, LookId: look.Id, DwellMs: 200),
            new Signal("5", SignalType.Skip, LookId: look.Id),
            new Signal("6", SignalType.Unlike, LookId: look.Id),
            new Signal("7", SignalType.Dislike, LookId: look.Id),
            new Signal("8", SignalType.Colour, Colour: Colour.Mint),
        ]);

        Assert.Equal(8, result.Ack!.Accepted);
        var taste = await user.GetTaste();
        Assert.Equal(Colour.Mint, taste.Colours[0].Colour);
        Assert.All(taste.Vector.ToArray(), x => Assert.True(float.IsFinite(x) && x >= 0));
    }
}
