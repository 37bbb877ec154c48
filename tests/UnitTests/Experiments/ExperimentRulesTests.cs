using System.Collections.Immutable;
using OtMz.Grains.Experiments;

namespace OtMz.UnitTests.Experiments;

/// <summary>Every way a definition can be wrong names the field of the request it is in.</summary>
public class ExperimentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static ExperimentVariant Variant(string name, double share, params (string Key, double Value)[] options) =>
        new(name, share, options.ToImmutableSortedDictionary(o => o.Key, o => o.Value));

    private static ExperimentDraft Draft(string name = "seen", params ExperimentVariant[] variants) =>
        new(name, variants.Length > 0 ? [.. variants] : [Variant("control", 0.5), Variant("strong", 0.5, ("Ranking:SeenPenalty", 0.5))]);

    private static FieldError Single(ExperimentResult result, ExperimentFailure failure)
    {
        Assert.Null(result.Experiment);
        Assert.Equal(failure, result.Failure);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void AGoodDraftStartsNowWithTheOptionsSpelledAsInConfiguration()
    {
        var result = ExperimentRules.Check(Draft(variants: [Variant("control", 0.25), Variant("strong", 0.75, ("ranking:seenpenalty", 0.5))]), [], Now);

        var experiment = Assert.IsType<Experiment>(result.Experiment);
        Assert.Equal(Now, experiment.StartsAt);
        Assert.Null(experiment.StopsAt);
        Assert.Equal(["Ranking:SeenPenalty"], experiment.Variants[1].Options.Keys);
    }

    [Fact]
    public void SharesThatDoNotSumToOneNameTheVariants() =>
        Assert.Equal("variants", Single(ExperimentRules.Check(Draft(variants: [Variant("a", 0.5), Variant("b", 0.4)]), [], Now), ExperimentFailure.Invalid).Field);

    [Fact]
    public void AnUnknownOptionNamesItsVariantAndKey()
    {
        var error = Single(ExperimentRules.Check(Draft(variants: [Variant("a", 1, ("Ranking:Sparkle", 1))]), [], Now), ExperimentFailure.Invalid);

        Assert.Equal("variants[0].options.Ranking:Sparkle", error.Field);
        Assert.Contains("Ranking:SeenPenalty", error.Message);
    }

    [Fact]
    public void AnOptionThatIsNotPerUserIsRefusedLikeAnUnknownOne() =>
        Assert.Equal("variants[0].options.Taste:SignalQuota",
            Single(ExperimentRules.Check(Draft(variants: [Variant("a", 1, ("Taste:SignalQuota", 5))]), [], Now), ExperimentFailure.Invalid).Field);

    [Fact]
    public void AFractionForAWholeNumberOptionNamesTheOption() =>
        Assert.Equal("variants[0].options.Taste:DwellSkipBelowMs",
            Single(ExperimentRules.Check(Draft(variants: [Variant("a", 1, ("Taste:DwellSkipBelowMs", 1.5))]), [], Now), ExperimentFailure.Invalid).Field);

    [Fact]
    public void TwoVariantsWithOneNameNameTheSecond() =>
        Assert.Equal("variants[1].name", Single(ExperimentRules.Check(Draft(variants: [Variant("a", 0.5), Variant("a", 0.5)]), [], Now), ExperimentFailure.Invalid).Field);

    [Fact]
    public void ABadNameOrShareOrStopNamesItsField()
    {
        Assert.Equal("name", Single(ExperimentRules.Check(Draft("no spaces"), [], Now), ExperimentFailure.Invalid).Field);
        Assert.Equal("variants[0].name", Single(ExperimentRules.Check(Draft(variants: [Variant("a/b", 1)]), [], Now), ExperimentFailure.Invalid).Field);
        Assert.Contains(ExperimentRules.Check(Draft(variants: [Variant("a", -0.5), Variant("b", 1.5)]), [], Now).Errors, e => e.Field == "variants[0].share");
        Assert.Equal("stopsAt", Single(ExperimentRules.Check(Draft() with { StopsAt = Now.AddHours(-1) }, [], Now), ExperimentFailure.Invalid).Field);
        Assert.Equal("variants", Single(ExperimentRules.Check(Draft() with { Variants = [] }, [], Now), ExperimentFailure.Invalid).Field);
    }

    [Fact]
    public void ANameInUseIsAConflict()
    {
        var existing = ExperimentRules.Check(Draft(), [], Now).Experiment!;

        Assert.Equal("name", Single(ExperimentRules.Check(Draft(variants: [Variant("a", 1)]), [existing], Now), ExperimentFailure.Conflict).Field);
    }

    [Fact]
    public void OverridingAnOptionAnotherRunningExperimentOverridesIsAConflictNamingTheOption()
    {
        var existing = ExperimentRules.Check(Draft(), [], Now).Experiment!;

        var clash = ExperimentRules.Check(Draft("other", Variant("a", 0.5, ("Ranking:DiversityWeight", 0)), Variant("b", 0.5, ("Ranking:SeenPenalty", 0.1))), [existing], Now);

        Assert.Equal("variants[1].options.Ranking:SeenPenalty", Single(clash, ExperimentFailure.Conflict).Field);
        Assert.Contains("'seen'", clash.Errors[0].Message);
    }

    [Fact]
    public void TheSameOptionAtTimesThatDoNotMeetIsAllowed()
    {
        var stopped = ExperimentRules.Check(Draft() with { StopsAt = Now.AddDays(1) }, [], Now).Experiment!;
        var later = Draft("later", Variant("a", 1, ("Ranking:SeenPenalty", 0.3))) with { StartsAt = Now.AddDays(1) };

        Assert.NotNull(ExperimentRules.Check(later, [stopped], Now).Experiment);
        Assert.Equal(ExperimentFailure.Conflict, ExperimentRules.Check(later with { StartsAt = Now.AddHours(23) }, [stopped], Now).Failure);
    }
}
