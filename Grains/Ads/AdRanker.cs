using System.Collections.Immutable;

namespace OtMz.Grains.Ads;

/// <summary>
/// The first ad ranking: campaigns whose targeting admits the user, by cosine between the campaign's target
/// style vector and the user's taste, each with the styles that matched. Budgets and caps slot in here later.
/// </summary>
public static class AdRanker
{
    public static ImmutableArray<RecommendedAd> Rank(IReadOnlyList<AdCampaign> campaigns, ReadOnlySpan<float> taste, UserProfile profile, int thisYear, int k)
    {
        var unitTaste = VectorMath.Normalized(taste);
        var age = profile.BirthYear is { } year ? thisYear - year : (int?)null;
        var scored = new List<(AdCampaign Campaign, float Score)>(campaigns.Count);
        foreach (var campaign in campaigns)
        {
            if (campaign.TargetGender is { } g && profile.Gender is { } userGender && userGender != g && userGender != Gender.Unisex)
            {
                continue;
            }

            if (age is { } a && (a < campaign.MinAge || a > campaign.MaxAge))
            {
                continue;
            }

            scored.Add((campaign, VectorMath.Cosine(unitTaste, campaign.TargetStyle.Values)));
        }

        return [.. scored
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Campaign.Id, StringComparer.Ordinal)
            .Take(k)
            .Select(s => new RecommendedAd(s.Campaign, s.Score, Explain(unitTaste, s.Campaign)))];
    }

    private static ImmutableArray<Reason> Explain(float[] taste, AdCampaign campaign)
    {
        var target = VectorMath.Normalized(campaign.TargetStyle.Values);
        return [.. Enumerable.Range(0, StyleTaxonomy.Count)
            .Select(i => (Index: i, Share: taste[i] * target[i]))
            .Where(s => s.Share > 0.01f)
            .OrderByDescending(s => s.Share)
            .Take(2)
            .Select(s => new Reason("style", StyleTaxonomy.KeyOf(s.Index), s.Share, $"For your {StyleTaxonomy.KeyOf(s.Index)} taste"))];
    }
}
