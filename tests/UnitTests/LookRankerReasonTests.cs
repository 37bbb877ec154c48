using OtMz.Grains;
using OtMz.Grains.Ranking;
using static OtMz.UnitTests.LookRankerTests;

namespace OtMz.UnitTests;

/// <summary>
/// A look's reasons are the terms that moved it at least <see cref="LookRanker.MaterialPlaces"/> places (or as far
/// as it could go), at most three, strongest first: a term that did gets its reason, one that did not does not.
/// </summary>
public class LookRankerReasonTests
{
    private static readonly RankingOptions Options = new();

    /// <summary>A look with a given cosine to the taste, whatever its style: the ranker takes the shards' cosine as it comes.</summary>
    private static ShardHit At(Look look, float cosine) => new(look, cosine);

    private static Look Dressed(string id, int style, int minTemp, int maxTemp, Colour colour, Occasion occasion)
    {
        var v = new float[StyleTaxonomy.Count];
        v[style] = 1f;
        return new Look(id, id, null, Gender.Unisex, [Season.Spring], [occasion], minTemp, maxTemp, [new PaletteEntry(colour, 1f)], [], StyleVector.Create(v));
    }

    private static RankingContext Plain(float[] taste, float? temperature = null) => new(taste, new float[21], _ => false, temperature, null);

    [Fact]
    public void WeatherThatMovedALookIsItsReasonBothWays()
    {
        var taste = Taste(22);
        var hits = Enumerable.Range(0, 8).Select(i => At(Look($"summer-{i}", 22, minTemp: 22, maxTemp: 33), 0.99f - 0.01f * i)).ToList();
        hits.Add(At(Look("winter", 22, minTemp: -10, maxTemp: 5), 0.90f));

        var ranked = LookRanker.Rank(hits, Plain(taste, temperature: -3), 4, Options);

        Assert.Equal("winter", ranked[0].Look.Id);
        var lifted = Assert.Single(ranked[0].Reasons, r => r.Kind == "weather");
        Assert.Equal("Comfortable at -3°C (made for -10–5°C)", lifted.Text);
        Assert.True(lifted.Contribution > 0);
        // The next look would be first without the weather, which held it down: as far as it could have moved.
        Assert.StartsWith("Less suited to -3°C", Assert.Single(ranked[1].Reasons, r => r.Kind == "weather").Text);
    }

    [Fact]
    public void WeatherThatSuitsEveryLookAlikeIsNoReason()
    {
        var taste = Taste(22);
        var hits = Enumerable.Range(0, 8).Select(i => At(Look($"mild-{i}", 22, minTemp: 5, maxTemp: 25), 0.99f - 0.01f * i)).ToList();

        var ranked = LookRanker.Rank(hits, Plain(taste, temperature: 15), 8, Options);

        Assert.All(ranked, r => Assert.DoesNotContain(r.Reasons, x => x.Kind == "weather"));
    }

    [Fact]
    public void ATinyWeatherTermIsNeverAReason()
    {
        var tiny = new RankingOptions { WeatherWeight = 0.001f };
        var withTemperature = DemoRankingLists.Users(40, 3).Where(u => u.Context.TemperatureC is not null).ToList();

        Assert.All(withTemperature, u => Assert.All(LookRanker.Rank(u.Candidates, u.Context, 20, tiny),
            r => Assert.DoesNotContain(r.Reasons, x => x.Kind == "weather")));
        // The same lists at the usual weight do name the weather, so the absence above is the rule's doing.
        Assert.Contains(withTemperature.SelectMany(u => LookRanker.Rank(u.Candidates, u.Context, 20, Options)), r => r.Reasons.Any(x => x.Kind == "weather"));
    }

    [Fact]
    public void DiversityIsAReasonOnlyWhereItReorderedTheLook()
    {
        var taste = Taste(0);
        var hits = new List<ShardHit> { At(Look("first", 0), 0.90f), At(Look("twin", 0), 0.89f) };
        hits.AddRange(Enumerable.Range(1, 4).Select(i => At(Look($"other-{i}", i), 0.81f - 0.01f * i)));
        hits.AddRange(Enumerable.Range(5, 3).Select(i => At(Look($"far-{i}", i), 0.5f)));

        var ranked = LookRanker.Rank(hits, Plain(taste), 6, Options);

        // The twin of the first look falls below four looks it outscores; nothing else moved far enough.
        Assert.Equal(["first", "other-1", "other-2", "other-3", "other-4", "twin"], ranked.Select(r => r.Look.Id));
        var twin = Assert.Single(ranked[5].Reasons, r => r.Kind == "diversity");
        Assert.Equal("Ranked lower to keep the list varied", twin.Text);
        Assert.Equal(-Options.DiversityWeight, twin.Contribution, 5);
        Assert.All(ranked.Take(5), r => Assert.DoesNotContain(r.Reasons, x => x.Kind == "diversity"));

        // Without the variety rule the twin is second and nothing names it.
        var plain = LookRanker.Rank(hits, Plain(taste), 6, new RankingOptions { DiversityWeight = 0 });
        Assert.Equal("twin", plain[1].Look.Id);
        Assert.All(plain, r => Assert.DoesNotContain(r.Reasons, x => x.Kind == "diversity"));
    }

    [Fact]
    public void ALookKeepsItsThreeStrongestReasonsStrongestFirst()
    {
        var taste = Taste(0);
        var colours = new float[21];
        colours[(int)Colour.Navy] = 1f;
        var closet = Taste(0);
        // Every term lifts this look past all five of the looks it beat, so the size of the term decides the order.
        var hits = new List<ShardHit> { At(Dressed("navy", 0, -5, 15, Colour.Navy, Occasion.Daily), 0.35f) };
        hits.AddRange(Enumerable.Range(1, 8).Select(i => At(Dressed($"red-{i}", i, 25, 35, Colour.Red, Occasion.Party), 0.86f - 0.01f * i)));
        var options = new RankingOptions { ClosetWeight = 0.08f };

        var ranked = LookRanker.Rank(hits, new RankingContext(taste, colours, _ => false, 10, Occasion.Daily, closet), 3, options);

        Assert.Equal("navy", ranked[0].Look.Id);
        Assert.Equal(["style", "weather", "colour"], ranked[0].Reasons.Select(r => r.Kind));
    }

    [Fact]
    public void AReasonThatMovedTheLookFurtherComesBeforeALargerTerm()
    {
        var taste = Taste(0);
        // The seen penalty (0.2) held the look down one place, to second, as far as it could go; the colour (0.1)
        // lifted it past all five looks it beat, and its style past them all by far.
        var colours = new float[21];
        colours[(int)Colour.Navy] = 1f;
        var hits = new List<ShardHit> { At(Dressed("top", 1, -5, 35, Colour.Red, Occasion.Daily), 0.90f), At(Dressed("navy", 0, -5, 35, Colour.Navy, Occasion.Daily), 0.85f) };
        hits.AddRange(Enumerable.Range(2, 8).Select(i => At(Dressed($"red-{i}", i, -5, 35, Colour.Red, Occasion.Daily), 0.76f - 0.01f * i)));

        var ranked = LookRanker.Rank(hits, new RankingContext(taste, colours, id => id == "navy", null, null), 2, Options);

        Assert.Equal(["top", "navy"], ranked.Select(r => r.Look.Id));
        Assert.Equal(["style", "colour", "seen"], ranked[1].Reasons.Select(r => r.Kind));
    }

    [Fact]
    public void ATasteSpreadOverEveryStyleNamesNone()
    {
        var even = Enumerable.Repeat(1f, StyleTaxonomy.Count).ToArray();
        var (candidates, context) = DemoRankingLists.Users(1, 9).Single();

        var ranked = LookRanker.Rank(candidates, context with { Taste = even }, 20, Options);

        Assert.All(ranked, r => Assert.DoesNotContain(r.Reasons, x => x.Kind == "style"));
    }

    [Fact]
    public void TypicalDemoListsNameTheVarietyRuleOnFewLooksAndNeverMoreThanThreeReasons()
    {
        var items = DemoRankingLists.Users(200, 5).SelectMany(u => LookRanker.Rank(u.Candidates, u.Context, 20, Options)).ToList();

        Assert.Equal(4000, items.Count);
        Assert.All(items, r => Assert.InRange(r.Reasons.Length, 0, LookRanker.MaxShownReasons));
        double Share(string kind) => items.Count(r => r.Reasons.Any(x => x.Kind == kind)) / (double)items.Count;
        // Measured on these lists: diversity on 8.0 % of looks (naming every penalty over 0.05 puts it on 89 %).
        Assert.InRange(Share("diversity"), 0.01, 0.20);
        Assert.InRange(Share("style"), 0.90, 1.00);
    }
}
