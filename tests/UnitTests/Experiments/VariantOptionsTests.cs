using System.Collections.Immutable;
using OtMz.Grains.Experiments;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.UnitTests.Experiments;

public class VariantOptionsTests
{
    [Fact]
    public void WeightsRatesAndPenaltiesAreOverridableAndQuotasRetentionMemoryAndPoolAreNot()
    {
        var keys = VariantOptions.Keys.ToList();

        Assert.Contains("Ranking:SeenPenalty", keys);
        Assert.Contains("Ranking:DiversityWeight", keys);
        Assert.Contains("Taste:LearningRate", keys);
        Assert.Contains("Taste:PriorCorrection", keys);
        Assert.DoesNotContain("Taste:SignalQuota", keys);
        Assert.DoesNotContain("Taste:SignalIdRetention", keys);
        Assert.DoesNotContain("Taste:LookMemory", keys);
        Assert.DoesNotContain("Ranking:CandidatePool", keys);
        Assert.Equal("Taste:LearningRate", VariantOptions.Canonical("taste:learningrate"));
        Assert.Null(VariantOptions.Canonical("Taste:Nonsense"));
    }

    [Fact]
    public void AnOnOffOptionTakesZeroOrOne()
    {
        var key = VariantOptions.Keys.First(k => typeof(RankingOptions).GetProperty(k["Ranking:".Length..]) is { PropertyType: var t } && t == typeof(bool));

        Assert.Null(VariantOptions.Problem(key, 0));
        Assert.NotNull(VariantOptions.Problem(key, 0.5));
        var (off, _) = VariantOptions.Apply(new RankingOptions(), new TasteOptions(), [KeyValuePair.Create(key, 0.0)]);
        Assert.False((bool)typeof(RankingOptions).GetProperty(key["Ranking:".Length..])!.GetValue(off)!);
    }

    [Fact]
    public void OverridesChangeCopiesAndLeaveTheConfiguredOptionsAlone()
    {
        var ranking = new RankingOptions();
        var taste = new TasteOptions { SignalQuota = 12_345 };

        var (r, t) = VariantOptions.Apply(ranking, taste, ImmutableSortedDictionary<string, double>.Empty
            .Add("Ranking:SeenPenalty", 0.75).Add("Taste:LearningRate", 0).Add("Taste:DwellSkipBelowMs", 800));

        Assert.Equal((0.75f, 0f, 800), (r.SeenPenalty, t.LearningRate, t.DwellSkipBelowMs));
        Assert.Equal(12_345, t.SignalQuota);
        Assert.Equal(ranking.DiversityWeight, r.DiversityWeight);
        Assert.Equal(new RankingOptions().SeenPenalty, ranking.SeenPenalty);
        Assert.Equal(new TasteOptions().LearningRate, taste.LearningRate);
    }
}
