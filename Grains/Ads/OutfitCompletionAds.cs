using System.Collections.Immutable;
using OtMz.Grains.Outfits;

namespace OtMz.Grains.Ads;

/// <summary>
/// "Completes your outfit" ads. When a user saves a look or an outfit, <see cref="Gaps"/> names the slots it lacks
/// for the day (no top or bottom, no shoes, no outer below <see cref="OutfitRules.OuterBelowC"/>, or an outer too
/// light below <see cref="OutfitRules.HeavyOuterBelowC"/>), and <see cref="Best"/> picks the campaign whose linked item
/// (a garment of a catalog look, <see cref="AdCampaign.ItemSlot"/>) fills one of them best: style coherence with the
/// outfit (cosine of the linked look's vector and the outfit's mean) weighed with the colour harmony of the outfit
/// with the item added (<see cref="ColourHarmony"/>). The user grain puts that ad first in the next slate.
/// </summary>
public static class OutfitCompletionAds
{
    /// <summary>How much the style coherence weighs against the colour harmony.</summary>
    public const float StyleWeight = 0.6f;

    /// <summary>Below this a candidate completes nothing worth showing.</summary>
    public const float MinScore = 0.3f;

    public static IReadOnlyList<GarmentSlot> Gaps(IReadOnlyList<OutfitPiece> pieces, float temperatureC)
    {
        bool Has(GarmentSlot slot) => pieces.Any(p => p.Slot == slot);
        var gaps = new List<GarmentSlot>();
        if (temperatureC < OutfitRules.OuterBelowC && !Has(GarmentSlot.Outer))
        {
            gaps.Add(GarmentSlot.Outer);
        }
        else if (temperatureC < OutfitRules.HeavyOuterBelowC && !pieces.Any(OutfitHardRules.IsHeavyOuter))
        {
            gaps.Add(GarmentSlot.Outer);
        }

        if (!Has(GarmentSlot.OnePiece))
        {
            if (!Has(GarmentSlot.Top))
            {
                gaps.Add(GarmentSlot.Top);
            }

            if (!Has(GarmentSlot.Bottom))
            {
                gaps.Add(GarmentSlot.Bottom);
            }
        }

        if (!Has(GarmentSlot.Shoes))
        {
            gaps.Add(GarmentSlot.Shoes);
        }

        return gaps;
    }

    /// <summary>
    /// The best completing campaign among <paramref name="candidates"/> (each with its linked look), or null when
    /// none fills a gap well enough. Its ad carries the completion reason first.
    /// </summary>
    public static (AdCampaign Campaign, RecommendedAd Ad)? Best(
        IReadOnlyList<OutfitPiece> pieces, float temperatureC, IEnumerable<(AdCampaign Campaign, Look Look)> candidates, ReadOnlySpan<float> taste)
    {
        var gaps = Gaps(pieces, temperatureC);
        if (gaps.Count == 0 || pieces.Count == 0)
        {
            return null;
        }

        var outfitStyle = new float[StyleTaxonomy.Count];
        foreach (var piece in pieces)
        {
            var values = piece.Style.Values;
            for (var i = 0; i < outfitStyle.Length; i++)
            {
                outfitStyle[i] += values[i];
            }
        }

        (AdCampaign Campaign, Garment Item, float Score)? best = null;
        foreach (var (campaign, look) in candidates)
        {
            if (campaign.ItemSlot is not { } slot || !gaps.Contains(slot) || look.Garments.FirstOrDefault(g => g.Slot == slot) is not { } item)
            {
                continue;
            }

            var coherence = Math.Max(0f, VectorMath.Cosine(VectorMath.Normalized(outfitStyle), look.StyleVector.Values));
            var colour = ColourHarmony.Score(pieces.Select(p => p.Colours).Append([new PaletteEntry(item.Colour, 1f)])).Score;
            var score = StyleWeight * coherence + (1 - StyleWeight) * colour;
            if (score >= MinScore && (best is null || score > best.Value.Score || (score == best.Value.Score && string.CompareOrdinal(campaign.Id, best.Value.Campaign.Id) < 0)))
            {
                best = (campaign, item, score);
            }
        }

        if (best is not { } chosen)
        {
            return null;
        }

        var reason = new Reason("completes", WireName.Of(chosen.Item.Slot), chosen.Score, TextOf(chosen.Item, temperatureC));
        var unitTaste = VectorMath.Normalized(taste);
        var styles = AdRanker.Explain(unitTaste, chosen.Campaign);
        return (chosen.Campaign, new RecommendedAd(chosen.Campaign.Creative, chosen.Score, [reason, .. styles.Take(2)]));
    }

    private static string TextOf(Garment item, float temperatureC) => item.Slot switch
    {
        GarmentSlot.Outer when temperatureC < OutfitRules.OuterBelowC => $"Completes your outfit: a {item.Category} for {temperatureC:0} °C",
        _ => $"Completes your outfit: the {item.Category} it is missing",
    };
}
