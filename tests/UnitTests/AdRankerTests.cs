using OtMz.Grains.Ads;
using OtMz.Grains.Demo;

namespace OtMz.UnitTests;

public class AdRankerTests
{
    private static readonly IReadOnlyList<AdCampaign> Campaigns = DemoCampaigns.Create(seed: 7);
    private static readonly AdsOptions Options = new();

    private static float[] Taste(string key)
    {
        var t = new float[StyleTaxonomy.Count];
        StyleTaxonomy.TryGetIndex(key, out var i);
        t[i] = 1;
        return t;
    }

    private static IReadOnlyList<AdCampaign> Rank(IEnumerable<AdCampaign> campaigns, string taste, UserProfile profile, Func<AdCampaign, bool>? offer = null) =>
        [.. AdRanker.Rank(campaigns, Taste(taste), profile, 2026, offer ?? (_ => true), Options).Select(r => r.Campaign)];

    private static (AdCampaign Campaign, RecommendedAd Ad)[] Ads(string taste) =>
        [.. AdRanker.Rank(Campaigns, Taste(taste), UserProfile.Empty, 2026, _ => true, Options).Select(r => (r.Campaign, AdRanker.AdOf(r, Taste(taste))))];

    [Fact]
    public void CampaignsTargetingTheTasteComeFirstWithTheirReason()
    {
        var ads = Ads("military");
        Assert.All(ads.Take(2), a => Assert.StartsWith("ad-military-", a.Campaign.Id));
        Assert.Equal("military", ads[0].Ad.Reasons[0].Key);
        Assert.Equal(ads[0].Campaign.Creative, ads[0].Ad.Campaign);
        Assert.True(ads.Zip(ads.Skip(1)).All(p => p.First.Ad.Score >= p.Second.Ad.Score));
    }

    [Fact]
    public void TheScoreIsTheCosineLiftedByTheSquareRootOfTheBid()
    {
        var campaign = Campaigns.First(c => c.Id == "ad-military-1");
        var unit = Taste("military");
        var cosine = Grains.VectorMath.Cosine(unit, campaign.TargetStyle.Values);
        Assert.Equal(cosine, AdRanker.Score(unit, campaign with { Bid = 1 }, Options), 5);
        Assert.Equal(cosine * 2, AdRanker.Score(unit, campaign with { Bid = 4 }, Options), 5);
        Assert.Equal(cosine, AdRanker.Score(unit, campaign with { Bid = 4 }, new AdsOptions { BidWeight = 0 }), 5);
    }

    [Fact]
    public void AHigherBidWinsBetweenEquallyRelevantCampaigns()
    {
        var a = Campaigns[0] with { Id = "a", Bid = 1 };
        var b = Campaigns[0] with { Id = "b", Bid = 2 };
        Assert.Equal(["b", "a"], Rank([a, b], "classic", UserProfile.Empty).Select(c => c.Id));
    }

    [Fact]
    public void GenderTargetingExcludesOtherUsers()
    {
        var forMen = Rank(Campaigns, "romantic", new UserProfile(Gender.Men));
        var forWomen = Rank(Campaigns, "romantic", new UserProfile(Gender.Women));
        Assert.DoesNotContain(forMen, c => c.TargetGender == Gender.Women);
        Assert.Contains(forWomen, c => c.TargetGender == Gender.Women);
        Assert.True(forWomen.Count > forMen.Count);
    }

    [Fact]
    public void AgeTargetingExcludesUsersOutsideTheRange()
    {
        var campaign = Campaigns[0] with { MinAge = 20, MaxAge = 29 };
        Assert.Empty(Rank([campaign], "classic", new UserProfile(BirthYear: 1970)));
        Assert.Single(Rank([campaign], "classic", new UserProfile(BirthYear: 2000)));
        Assert.Single(Rank([campaign], "classic", UserProfile.Empty));
    }

    [Fact]
    public void RegionTargetingAdmitsOnlyUsersOfTheListedRegions()
    {
        var campaign = Campaigns[0] with { Regions = ["Busan", "Jeju"] };
        Assert.Single(Rank([campaign], "classic", new UserProfile(Region: "busan")));
        Assert.Empty(Rank([campaign], "classic", new UserProfile(Region: "Seoul")));
        Assert.Empty(Rank([campaign], "classic", UserProfile.Empty));
        Assert.Single(Rank([Campaigns[0]], "classic", UserProfile.Empty));
    }

    [Fact]
    public void TheOfferTestLeavesCampaignsOut()
    {
        var ranked = Rank(Campaigns, "military", UserProfile.Empty, c => c.Id != "ad-military-1");
        Assert.DoesNotContain(ranked, c => c.Id == "ad-military-1");
        Assert.Equal(Campaigns.Count - 1, ranked.Count);
    }
}
