using OtMz.Evaluation;
using OtMz.Grains.Demo;

namespace OtMz.UnitTests.Evaluation;

/// <summary>The simulated users and their reactions are reproducible and follow the documented bands.</summary>
public class ReactionModelTests
{
    private static readonly CatalogTruth Catalog = new(DemoCatalog.Generate(4_000, 42), Season.Spring);

    [Fact]
    public void TheSameSeedDrawsTheSameUsers()
    {
        var first = UserFactory.CreateMany(7, 50);
        var again = UserFactory.CreateMany(7, 50);
        Assert.Equal(first.Select(u => u.Describe()), again.Select(u => u.Describe()));
        Assert.NotEqual(first.Select(u => u.Describe()), UserFactory.CreateMany(8, 50).Select(u => u.Describe()));
    }

    [Fact]
    public void UsersHaveOneToThreeDistinctStylesStrongestFirstAndBothGenders()
    {
        var users = UserFactory.CreateMany(1, 200);
        Assert.All(users, u =>
        {
            Assert.InRange(u.Styles.Length, 1, 3);
            Assert.Equal(u.Styles.Length, u.Styles.Distinct().Count());
            Assert.Equal(1f, u.Weights[0]);
            Assert.True(u.Weights.Skip(1).All(w => w < 1f));
        });
        Assert.Contains(users, u => u.Gender == Gender.Women);
        Assert.Contains(users, u => u.Gender == Gender.Men);
        Assert.Contains(users, u => u.Styles.Length == 1);
        Assert.Contains(users, u => u.Styles.Length == 3);

        // Rare styles (shares under 1 % of the catalog) are strongest for some users, not only street and feminine.
        string[] rare = ["hippie", "western", "oriental", "avantgarde", "punk", "military"];
        Assert.True(users.Count(u => rare.Contains(StyleTaxonomy.KeyOf(u.StrongestStyle))) >= 10);
    }

    [Fact]
    public void ReactionsDependOnlyOnSeedUserRoundAndLook()
    {
        var truths = UserFactory.CreateMany(3, 4).Select(u => new UserTruth(u, Catalog)).ToArray();
        var list = truths[0].Ordered.Take(10).Concat(truths[0].Ordered.Skip(500).Take(10)).ToList();

        var first = ReactionModel.React(truths[0], 2, list);
        // Other users reacting in between, and the list in another order, change nothing for this user's looks.
        foreach (var other in truths.Skip(1))
        {
            ReactionModel.React(other, 2, list);
        }

        var reversed = Enumerable.Reverse(list).ToList();
        var again = ReactionModel.React(truths[0], 2, reversed);
        Assert.Equal(first.OrderBy(r => r.Look).ThenBy(r => r.Type), again.OrderBy(r => r.Look).ThenBy(r => r.Type));
        Assert.Equal(first, ReactionModel.React(truths[0], 2, list));
    }

    [Fact]
    public void EveryShownLookGetsOneViewAndTheBestAreDwelledOnLongest()
    {
        var truth = new UserTruth(UserFactory.Create(5, 0), Catalog);
        var list = truth.Ordered.Take(truth.Top1Count).Concat(truth.Ordered.TakeLast(20)).ToList();
        var reactions = ReactionModel.React(truth, 1, list);

        Assert.All(list, look => Assert.Single(reactions, r => r.Look == look && r.Type is SignalType.Dwell or SignalType.Skip));
        Assert.All(reactions.Where(r => truth.InTop1(r.Look) && r.Type == SignalType.Dwell), r => Assert.InRange(r.DwellMs!.Value, 12_000, 30_000));
        Assert.DoesNotContain(reactions, r => truth.InTop1(r.Look) && r.Type is SignalType.Skip or SignalType.Dislike);
        Assert.DoesNotContain(reactions, r => !truth.InTop5(r.Look) && r.Type is SignalType.Like && truth.Percentile(r.Look) > UserTruth.Top15);
        Assert.All(reactions.Where(r => r.Type == SignalType.Colour), r => Assert.Contains(truth.Colours, c => c.Colour == r.Colour));
    }

    [Fact]
    public void TheBandsCoverEveryPercentileBestFirst()
    {
        Assert.Equal("top 1 %", ReactionModel.BandOf(0).Name);
        Assert.Equal("top 5 %", ReactionModel.BandOf(0.02).Name);
        Assert.Equal("rest", ReactionModel.BandOf(1.0).Name);
        var bands = ReactionModel.Bands;
        Assert.True(bands.Zip(bands.Skip(1)).All(p => p.First.UpTo < p.Second.UpTo && p.First.Like >= p.Second.Like));
    }

    [Fact]
    public void TruthRanksEligibleLooksByTrueRelevance()
    {
        var truth = new UserTruth(UserFactory.Create(2, 3), Catalog);
        Assert.All(truth.Ordered, look => Assert.True(Catalog.IsEligible(look, truth.User.Gender)));
        Assert.True(truth.Ordered.Zip(truth.Ordered.Skip(1)).All(p => truth.Relevance[p.First] >= truth.Relevance[p.Second]));
        Assert.Equal(0, truth.Percentile(truth.Ordered[0]));
        Assert.Equal(3, truth.Grade(truth.Ordered[0]));
        Assert.Equal(0, truth.Grade(truth.Ordered[^1]));
        Assert.Equal(truth.Top5Count, truth.Ordered.Count(truth.InTop5));
        Assert.InRange(truth.TrueStreetWeight, 0f, 1f);
    }
}
