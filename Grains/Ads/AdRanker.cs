using System.Collections.Immutable;
using OtMz.Grains.Ranking;

namespace OtMz.Grains.Ads;

/// <summary>
/// The first ad ranking: campaigns whose targeting admits the user, by cosine between the campaign's target
/// style vector and the user's taste, each with the styles that matched. Budgets and caps slot in here later.
/// </summary>
public static class AdRanker
{
    private const int StyleReasons = 2;

    private static readonly string[] StyleTexts = StyleShares.Texts(key => $"For your {key} taste");

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
        Span<float> target = stackalloc float[StyleTaxonomy.Count];
        VectorMath.TryNormalize(campaign.TargetStyle.Values, target);
        Span<int> top = stackalloc int[StyleReasons];
        var found = StyleShares.Top(taste, target, 0.01f, top);
        var reasons = new Reason[found];
        for (var n = 0; n < found; n++)
        {
            reasons[n] = new Reason("style", StyleTaxonomy.KeyOf(top[n]), taste[top[n]] * target[top[n]], StyleTexts[top[n]]);
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(reasons);
    }
}
