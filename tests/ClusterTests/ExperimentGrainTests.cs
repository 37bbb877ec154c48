using System.Collections.Immutable;
using OtMz.Grains.Catalog;

namespace OtMz.ClusterTests;

/// <summary>
/// Experiments through the real grains on two silos: a variant's options change what its users are shown, every
/// list names its variant, a stop sends everyone back to the default ranking, and the counters hold exactly what
/// the users were shown and did. Each test stops its experiment, so the next one may override the same options.
/// </summary>
[Collection(ExperimentClusterCollection.Name)]
public class ExperimentGrainTests(ExperimentClusterFixture fixture)
{
    private static ExperimentVariant Variant(string name, double share, params (string Key, double Value)[] options) =>
        new(name, share, options.ToImmutableSortedDictionary(o => o.Key, o => o.Value));

    private static string NewName(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 13)];

    private IUserGrain User(string id) => fixture.Grains.GetGrain<IUserGrain>(id);

    private async Task<IUserGrain> SurveyedUser(string id)
    {
        var user = User(id);
        await user.SubmitSurvey(new SurveyAnswers([], ["romantic", "street"]));
        return user;
    }

    private async Task<Experiment> DefineAsync(string name, params ExperimentVariant[] variants)
    {
        var result = await fixture.Registry.Define(new ExperimentDraft(name, [.. variants]));
        Assert.Empty(result.Errors);
        return result.Experiment!;
    }

    private static IEnumerable<string> Describe(LookRecommendations looks) => looks.Items.Select(i => $"{i.Look.Id} {i.Score:R}");

    [Fact]
    public async Task AVariantsRankingOptionsChangeTheListAndTheListNamesTheVariant()
    {
        var user = await SurveyedUser($"user-{Guid.NewGuid():N}");
        var before = await user.GetRecommendations(new RecommendationQuery(20));
        var name = NewName("diversity");
        await DefineAsync(name, Variant("varied", 1, ("Ranking:DiversityWeight", 2)));
        try
        {
            var during = await user.GetRecommendations(new RecommendationQuery(20));

            Assert.Empty(before.Experiments);
            Assert.Equal(new ExperimentArm(name, "varied"), Assert.Single(during.Experiments));
            Assert.True(during.Version > before.Version, "a start moves the looks' version, so the cached list is ranked again");
            Assert.NotEqual(Describe(before), Describe(during));
            // A diversity weight of 2 keeps the list far more varied: its looks are less alike on average.
            Assert.True(MeanSimilarity(during) < MeanSimilarity(before), $"{MeanSimilarity(during)} against {MeanSimilarity(before)}");
        }
        finally
        {
            await fixture.Registry.Stop(name);
        }
    }

    [Fact]
    public async Task AVariantsTasteOptionsChangeWhatASignalDoes()
    {
        var name = NewName("frozen");
        await DefineAsync(name, Variant("frozen", 1, ("Taste:LearningRate", 0)));
        try
        {
            var user = await SurveyedUser($"user-{Guid.NewGuid():N}");
            var look = (await user.GetRecommendations(new RecommendationQuery(20))).Items[^1].Look;
            var before = await user.GetTaste();

            await user.ApplySignals([new Signal("like", SignalType.Like, LookId: look.Id)]);

            var after = await user.GetTaste();
            // Unchanged but for the rounding of normalising it again.
            Assert.All(before.Vector.ToArray().Zip(after.Vector.ToArray()), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));
        }
        finally
        {
            await fixture.Registry.Stop(name);
        }
    }

    [Fact]
    public async Task AnExperimentStoppedMidwaySendsEveryoneBackToTheDefault()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => SurveyedUser($"user-{i}-{Guid.NewGuid():N}")));
        var defaults = await Task.WhenAll(users.Select(u => u.GetRecommendations(new RecommendationQuery(20))));
        var name = NewName("seen");
        await DefineAsync(name, Variant("control", 0.5), Variant("no-diversity", 0.5, ("Ranking:DiversityWeight", 0), ("Ranking:SeenPenalty", 0)));
        var during = await Task.WhenAll(users.Select(u => u.GetRecommendations(new RecommendationQuery(20))));

        var stopped = await fixture.Registry.Stop(name);
        var after = await Task.WhenAll(users.Select(u => u.GetRecommendations(new RecommendationQuery(20))));

        Assert.Equal(stopped.Experiment!.StopsAt, (await fixture.Registry.Get(name))!.StopsAt);
        Assert.All(during, looks => Assert.Equal(name, Assert.Single(looks.Experiments).Experiment));
        Assert.Contains(during, looks => looks.Experiments[0].Variant == "no-diversity");
        Assert.All(Enumerable.Range(0, users.Length), i =>
        {
            Assert.Empty(after[i].Experiments);
            Assert.True(after[i].Version > during[i].Version);
            Assert.Equal(Describe(defaults[i]), Describe(after[i]));
        });
    }

    [Fact]
    public async Task TheReportCountsExactlyWhatUsersWereShownAndDid()
    {
        var name = NewName("counts");
        await DefineAsync(name, Variant("a", 0.5, ("Ranking:OccasionWeight", 0.2)), Variant("b", 0.5));
        try
        {
            var user = await SurveyedUser($"user-{Guid.NewGuid():N}");
            var looks = await user.GetRecommendations(new RecommendationQuery(10));
            await user.GetRecommendations(new RecommendationQuery(5));
            var ids = looks.Items.Select(i => i.Look.Id).ToArray();
            await user.ApplySignals([
                new Signal("l1", SignalType.Like, ids[0]), new Signal("l2", SignalType.Like, ids[1]), new Signal("s1", SignalType.Save, ids[2]),
                new Signal("d1", SignalType.Dislike, ids[3]), new Signal("k1", SignalType.Skip, ids[4]), new Signal("k2", SignalType.Skip, ids[5]),
                new Signal("w1", SignalType.Dwell, ids[6], DwellMs: 3000), new Signal("w2", SignalType.Dwell, ids[7], DwellMs: 5000)]);
            // A duplicate is acknowledged and counts nothing.
            await user.ApplySignals([new Signal("l1", SignalType.Like, ids[0])]);
            await fixture.FlushCountsAsync();

            var report = (await fixture.Registry.Report(name, null)).Report!;

            var variant = looks.Experiments.Single().Variant;
            var mine = report.Variants.Single(v => v.Variant == variant).Counts;
            Assert.Equal(new VariantCounts(0, 2, 1, 1, 2, 2, 8, 34), mine with { Impressions = 0 });
            // The two lists read (10 and 5 looks), and the 20 looks of each push the survey and the signals made,
            // as far as those had gone out when the silos flushed.
            Assert.InRange(mine.Impressions, 15, 15 + 2 * RecommendationQuery.DefaultK);
            Assert.Equal(0, (mine.Impressions - 15) % RecommendationQuery.DefaultK);
            Assert.True(report.Variants.Single(v => v.Variant != variant).Counts.IsZero);
            Assert.Equal("a", report.Baseline);
            Assert.Equal("b", Assert.Single(report.Comparisons).Variant);
            var likes = report.Variants.Single(v => v.Variant == variant).Metrics.Single(m => m.Metric == "likes");
            Assert.Equal(2.0 / mine.Impressions, likes.Value, 12);
        }
        finally
        {
            await fixture.Registry.Stop(name);
        }
    }

    private static double MeanSimilarity(LookRecommendations looks)
    {
        var vectors = looks.Items.Select(i => i.Look.StyleVector.ToArray()).ToList();
        var pairs = vectors.SelectMany((a, i) => vectors.Skip(i + 1).Select(b => OtMz.Grains.VectorMath.Cosine(a, b))).ToList();
        return pairs.Average();
    }
}
