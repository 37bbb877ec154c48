using System.Collections.Immutable;
using OtMz.Grains.Ranking;

namespace OtMz.Grains.Ads;

/// <summary>
/// Ranks the campaigns a user may be shown. Eligible: the campaign's targeting admits the user (gender, age, region),
/// and the caller's <c>offer</c> test passes (live, budget left, the user's cap not reached). The score is
/// cosine(taste, target) × (bid / <see cref="AdsOptions.ReferenceBid"/>)^<see cref="AdsOptions.BidWeight"/>: relevance
/// first, with a higher bid lifting a campaign by its square root at the default weight. Each ad carries the styles
/// that matched as reasons.
/// </summary>
public static class AdRanker
{
    private const int StyleReasons = 2;

    private static readonly string[] StyleTexts = StyleShares.Texts(key => $"For your {key} taste");

    /// <summary>
    /// The eligible campaigns, best first, for a unit-length <paramref name="unitTaste"/>. Only scores are computed
    /// here: the caller explains (<see cref="AdOf"/>) just the few it delivers.
    /// </summary>
    public static ImmutableArray<RankedCampaign> Rank(
        IEnumerable<AdCampaign> campaigns, ReadOnlySpan<float> unitTaste, UserProfile profile, int thisYear, Func<AdCampaign, bool> offer, AdsOptions options)
    {
        var scored = ImmutableArray.CreateBuilder<RankedCampaign>();
        foreach (var campaign in campaigns)
        {
            if (Admits(campaign, profile, thisYear) && offer(campaign))
            {
                scored.Add(new RankedCampaign(campaign, Score(unitTaste, campaign, options)));
            }
        }

        scored.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Campaign.Id, b.Campaign.Id));
        return scored.DrainToImmutable();
    }

    /// <summary>The delivered ad of a ranked campaign: its creative, score and style reasons (or the ad it was given).</summary>
    public static RecommendedAd AdOf(RankedCampaign ranked, float[] unitTaste) =>
        ranked.Ad ?? new RecommendedAd(ranked.Campaign.Creative, ranked.Score, Explain(unitTaste, ranked.Campaign));

    /// <summary>Whether the campaign's targeting admits the user; what the user did not tell does not exclude them, except a region.</summary>
    public static bool Admits(AdCampaign campaign, UserProfile profile, int thisYear)
    {
        if (campaign.TargetGender is { } g && g != Gender.Unisex && profile.Gender is { } userGender && userGender != g && userGender != Gender.Unisex)
        {
            return false;
        }

        if (profile.BirthYear is { } year && (thisYear - year < campaign.MinAge || thisYear - year > campaign.MaxAge))
        {
            return false;
        }

        return campaign.Regions.IsDefaultOrEmpty
            || (profile.Region is { } region && campaign.Regions.Contains(region, StringComparer.OrdinalIgnoreCase));
    }

    public static float Score(ReadOnlySpan<float> unitTaste, AdCampaign campaign, AdsOptions options)
    {
        var cosine = Math.Max(0f, VectorMath.Cosine(unitTaste, campaign.TargetStyle.Values));
        return cosine * (float)Math.Pow(campaign.Bid / options.ReferenceBid, options.BidWeight);
    }

    public static ImmutableArray<Reason> Explain(float[] taste, AdCampaign campaign)
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

/// <summary>A campaign's place in a user's ranking; <see cref="Ad"/> is set when the ad was made elsewhere (a completion).</summary>
public readonly record struct RankedCampaign(AdCampaign Campaign, float Score, RecommendedAd? Ad = null);
