using OtMz.Grains;
using OtMz.Grains.Ranking;

namespace OtMz.UnitTests;

public class LookRankerTests
{
    private static readonly RankingOptions Options = new();

    internal static Look Look(string id, int style, int minTemp = 0, int maxTemp = 20, Colour colour = Colour.Black, float second = 0f)
    {
        var v = new float[StyleTaxonomy.Count];
        v[style] = 1f;
        v[(style + 1) % v.Length] = second;
        return new Look(id, id, null, Gender.Unisex, [Season.Spring], [Occasion.Daily], minTemp, maxTemp, [new PaletteEntry(colour, 1f)], [], StyleVector.Create(v));
    }

    internal static ShardHit Hit(Look look, float[] taste) => new(look, VectorMath.Cosine(taste, look.StyleVector.Values));

    internal static float[] Taste(int style)
    {
        var t = new float[StyleTaxonomy.Count];
        t[style] = 1;
        return t;
    }

    private static RankingContext Context(float[] taste, float? temperature = null, float[]? colours = null, Func<string, bool>? seen = null, Func<string, bool>? liked = null) =>
        new(taste, colours ?? new float[21], seen ?? (_ => false), temperature, null, IsLiked: liked);

    [Fact]
    public void WeatherFitIsOneInsideTheRangeAndFallsOffOutside()
    {
        var look = Look("a", 0, minTemp: 5, maxTemp: 15);
        Assert.Equal(1f, LookRanker.WeatherFit(10, look, 4));
        Assert.Equal(MathF.Exp(-1), LookRanker.WeatherFit(19, look, 4), 5);
        Assert.True(LookRanker.WeatherFit(30, look, 4) < LookRanker.WeatherFit(19, look, 4));
    }

    [Fact]
    public void TheWeatherLiftsALookMadeForIt()
    {
        var taste = Taste(22);
        var winter = Look("winter", 22, minTemp: -10, maxTemp: 5, second: 0.05f);
        var summer = Look("summer", 22, minTemp: 22, maxTemp: 33);
        var ranked = LookRanker.Rank([Hit(summer, taste), Hit(winter, taste)], Context(taste, temperature: -3), 2, Options);
        Assert.Equal("winter", ranked[0].Look.Id);
        Assert.Contains(ranked[0].Reasons, r => r.Kind == "weather" && r.Contribution > 0);
        Assert.Contains(ranked[1].Reasons, r => r.Kind == "weather" && r.Contribution < 0);
    }

    [Fact]
    public void ColourAffinityLiftsALookInTheUsersColours()
    {
        var taste = Taste(0);
        var colours = new float[21];
        colours[(int)Colour.Navy] = 0.6f;
        var navy = Look("navy", 0, colour: Colour.Navy);
        var red = Look("red", 0, colour: Colour.Red);
        var ranked = LookRanker.Rank([Hit(red, taste), Hit(navy, taste)], Context(taste, colours: colours), 2, Options);
        Assert.Equal("navy", ranked[0].Look.Id);
        Assert.Contains(ranked[0].Reasons, r => r.Kind == "colour" && r.Key == "navy");
    }

    [Fact]
    public void ASeenLookIsPenalisedAndSaysSo()
    {
        var taste = Taste(4);
        var seen = Look("seen", 4);
        var fresh = Look("fresh", 4, second: 0.1f);
        var ranked = LookRanker.Rank([Hit(seen, taste), Hit(fresh, taste)], Context(taste, seen: id => id == "seen"), 2, Options);
        Assert.Equal("fresh", ranked[0].Look.Id);
        Assert.Contains(ranked[1].Reasons, r => r.Kind == "seen" && r.Contribution < 0);
    }

    [Fact]
    public void ALikedLookIsSparedTheSeenPenaltyAndKeptWithinReach()
    {
        var taste = Taste(4);
        var liked = Look("liked", 4, second: 0.3f);
        var passed = Look("passed", 4);
        // Three never-seen looks the like lifts it past: enough places for the like to be its reason.
        var fresh = new[] { 0.2f, 0.22f, 0.25f }.Select((second, i) => Hit(Look($"fresh-{i}", 4, second: second), taste));
        var options = new RankingOptions { FreshShare = 0 };
        var ranked = LookRanker.Rank([Hit(liked, taste), Hit(passed, taste), .. fresh],
            Context(taste, seen: id => !id.StartsWith("fresh"), liked: id => id == "liked"), 5, options);
        Assert.Equal(["liked", "fresh-0", "fresh-1", "fresh-2", "passed"], ranked.Select(r => r.Look.Id));
        Assert.Contains(ranked[0].Reasons, r => r.Kind == "liked" && r.Contribution > 0);
        Assert.DoesNotContain(ranked[0].Reasons, r => r.Kind == "seen");
    }

    [Fact]
    public void AmongSeenLooksTheOnesStudiedLongestComeBackFirst()
    {
        var taste = Taste(4);
        var glanced = Look("glanced", 4);
        var studied = Look("studied", 4, second: 0.2f);
        var engagement = new Dictionary<string, float> { ["glanced"] = 0.2f, ["studied"] = 0.95f };
        var options = new RankingOptions { FreshShare = 0, EngagementWeight = 0.5f };
        var context = new RankingContext(taste, new float[21], _ => true, null, null, IsLiked: _ => false,
            Engagement: id => engagement.GetValueOrDefault(id));
        var ranked = LookRanker.Rank([Hit(glanced, taste), Hit(studied, taste)], context, 2, options);
        Assert.Equal(["studied", "glanced"], ranked.Select(r => r.Look.Id));
        var without = LookRanker.Rank([Hit(glanced, taste), Hit(studied, taste)], context, 2, new RankingOptions { FreshShare = 0, EngagementWeight = 0 });
        Assert.Equal(["glanced", "studied"], without.Select(r => r.Look.Id));
    }

    [Theory]
    [InlineData(0.0f, 0)]
    [InlineData(0.3f, 3)]
    [InlineData(0.25f, 2)]
    [InlineData(1.0f, 6)]
    public void AShareOfThePlacesGoesToLooksNeverSeenEvenWhenSeenOnesScoreHigher(float share, int freshExpected)
    {
        var taste = Taste(4);
        // Ten liked looks that match the taste exactly, six never-seen ones that match it less.
        var hits = Enumerable.Range(0, 10).Select(i => Hit(Look($"liked-{i}", 4), taste))
            .Concat(Enumerable.Range(0, 6).Select(i => Hit(Look($"new-{i}", 4, second: 0.5f + 0.05f * i), taste))).ToList();
        var options = new RankingOptions { FreshShare = share, DiversityWeight = 0 };
        var ranked = LookRanker.Rank(hits, Context(taste, seen: id => id.StartsWith("liked"), liked: id => id.StartsWith("liked")), 10, options);
        Assert.Equal(10, ranked.Length);
        Assert.Equal(freshExpected, ranked.Count(r => r.Look.Id.StartsWith("new")));
        Assert.Equal(freshExpected > 0 ? "new-0" : null, ranked.Select(r => r.Look.Id).FirstOrDefault(id => id.StartsWith("new")));
    }

    [Fact]
    public void WithoutEnoughNeverSeenLooksTheListIsStillFull()
    {
        var taste = Taste(4);
        var hits = Enumerable.Range(0, 8).Select(i => Hit(Look($"seen-{i}", 4, second: 0.01f * i), taste)).Append(Hit(Look("new", 4, second: 0.9f), taste)).ToList();
        var ranked = LookRanker.Rank(hits, Context(taste, seen: id => id.StartsWith("seen")), 6, new RankingOptions { FreshShare = 0.5f });
        Assert.Equal(6, ranked.Length);
        Assert.Single(ranked, r => r.Look.Id == "new");
    }

    [Fact]
    public void DiversityKeepsNearDuplicatesFromFillingTheTop()
    {
        var taste = new float[StyleTaxonomy.Count];
        taste[22] = 1f;
        taste[16] = 0.8f;
        var candidates = new List<ShardHit>();
        for (var i = 0; i < 5; i++)
        {
            candidates.Add(Hit(Look($"street-{i}", 22, second: 0.01f * i), taste));
        }

        candidates.Add(Hit(Look("sporty", 16), taste));
        var ranked = LookRanker.Rank(candidates, Context(taste), 3, Options);
        var sporty = Assert.Single(ranked, r => r.Look.Id == "sporty");
        Assert.Contains(sporty.Reasons, r => r.Kind == "diversity" && r.Text == "Ranked higher to keep the list varied");
        Assert.DoesNotContain(ranked[0].Reasons, r => r.Kind == "diversity");
    }

    [Fact]
    public void TheStyleThatPlacedALookIsItsReason()
    {
        var taste = Taste(19);
        taste[22] = 0.5f;
        var hits = new List<ShardHit> { Hit(Look("hiphop", 19), taste) };
        hits.AddRange(Enumerable.Range(0, 5).Select(i => Hit(Look($"street-{i}", 22, second: 0.1f * i), taste)));
        var ranked = LookRanker.Rank(hits, Context(taste), 3, Options);
        Assert.Equal("hiphop", ranked[0].Look.Id);
        var reason = Assert.Single(ranked[0].Reasons);
        Assert.Equal(("style", "hiphop"), (reason.Kind, reason.Key));
        Assert.False(string.IsNullOrWhiteSpace(reason.Text));

        // A lone candidate has no place to be moved from, so nothing placed it.
        Assert.Empty(LookRanker.Rank([Hit(Look("hiphop", 19), taste)], Context(taste), 1, Options)[0].Reasons);
    }

    [Fact]
    public void RankReturnsAtMostKResults()
    {
        var taste = Taste(1);
        var hits = Enumerable.Range(0, 10).Select(i => Hit(Look($"l{i}", i), taste)).ToList();
        Assert.Equal(4, LookRanker.Rank(hits, Context(taste), 4, Options).Length);
        Assert.Empty(LookRanker.Rank([], Context(taste), 4, Options));
    }
}
