using OtMz.Grains.Ads;
using OtMz.Grains.Demo;

namespace OtMz.UnitTests;

public class AdRankerTests
{
    private static readonly IReadOnlyList<AdCampaign> Campaigns = DemoCampaigns.Create(seed: 7);

    private static float[] Taste(string key)
    {
        var t = new float[StyleTaxonomy.Count];
        StyleTaxonomy.TryGetIndex(key, out var i);
        t[i] = 1;
        return t;
    }

    [Fact]
    public void CampaignsTargetingTheTasteComeFirstWithTheirReason()
    {
        var ads = AdRanker.Rank(Campaigns, Taste("military"), UserProfile.Empty, 2026, 3);
        Assert.Equal(3, ads.Length);
        Assert.All(ads.Take(2), a => Assert.StartsWith("ad-military-", a.Campaign.Id));
        Assert.Equal("military", ads[0].Reasons[0].Key);
        Assert.True(ads[0].Score >= ads[1].Score && ads[1].Score >= ads[2].Score);
    }

    [Fact]
    public void GenderTargetingExcludesOtherUsers()
    {
        var forMen = AdRanker.Rank(Campaigns, Taste("romantic"), new UserProfile(Gender.Men), 2026, Campaigns.Count);
        var forWomen = AdRanker.Rank(Campaigns, Taste("romantic"), new UserProfile(Gender.Women), 2026, Campaigns.Count);
        Assert.DoesNotContain(forMen, a => a.Campaign.TargetGender == Gender.Women);
        Assert.Contains(forWomen, a => a.Campaign.TargetGender == Gender.Women);
        Assert.True(forWomen.Length > forMen.Length);
    }

    [Fact]
    public void AgeTargetingExcludesUsersOutsideTheRange()
    {
        var campaign = Campaigns[0] with { MinAge = 20, MaxAge = 29 };
        Assert.Empty(AdRanker.Rank([campaign], Taste("classic"), new UserProfile(BirthYear: 1970), 2026, 5));
        Assert.Single(AdRanker.Rank([campaign], Taste("classic"), new UserProfile(BirthYear: 2000), 2026, 5));
        Assert.Single(AdRanker.Rank([campaign], Taste("classic"), UserProfile.Empty, 2026, 5));
    }
}
