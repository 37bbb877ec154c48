using System.Collections.Immutable;

namespace OtMz.Grains.Ranking;

/// <summary>
/// "More like this": orders the looks the shards found nearest to one source look and explains each by the styles it
/// shares with the source. The user grain asks the shards for the <see cref="PoolFor"/> looks most similar to the
/// source under the user's hard filters (as <see cref="LookRanker"/>'s candidates are asked for the taste), and this
/// class picks the k to show.
/// </summary>
/// <remarks>
/// Similarity to the source decides; the user's taste only breaks near-ties. Looks whose cosine to the source falls in
/// the same band of <see cref="BandWidth"/> are ordered by their cosine to the taste, then by id, so a look is never
/// placed after one that is less similar by a band or more. The user asked for looks like this one, often one outside
/// their usual taste: a blend would pull the list back towards what the recommendations already show, while a
/// difference in similarity below a hundredth is finer than the style vectors can tell apart and is where the taste
/// may as well choose. Unlike the recommendations there are no soft terms and no diversity penalty: nearness is the
/// point of the list.
/// </remarks>
public static class SimilarRanker
{
    /// <summary>Width of a similarity band within which the taste orders the looks.</summary>
    public const float BandWidth = 0.01f;

    private const int StyleReasons = 3;

    /// <summary>A style's share of the similarity below which it is not named as shared.</summary>
    private const float MinShare = 0.01f;

    private static readonly string[] StyleTexts = StyleShares.Texts(key => $"Shares the {key} style of the look you started from");

    /// <summary>
    /// The most similar looks to fetch for <paramref name="k"/>: twice k and ten more, so the taste has looks of the
    /// last band to choose among; every band above the last one is whole, as the shards return the exact nearest.
    /// </summary>
    public static int PoolFor(int k) => 2 * k + 10;

    /// <summary>The band of a similarity: looks in the same band are ordered by the taste.</summary>
    public static int BandOf(float cosine) => (int)Math.Floor(cosine / (double)BandWidth);

    /// <summary>
    /// The best <paramref name="k"/> of <paramref name="hits"/> (each with its cosine to <paramref name="source"/>), by
    /// band, then cosine to <paramref name="taste"/>, then id; never the source itself. Each carries its similarity as
    /// its score and, as reasons, up to three styles it shares with the source, the largest share of the cosine first.
    /// </summary>
    public static ImmutableArray<RecommendedLook> Rank(Look source, IReadOnlyList<ShardHit> hits, ReadOnlySpan<float> taste, int k)
    {
        var candidates = new List<(ShardHit Hit, int Band, float Taste)>(hits.Count);
        foreach (var hit in hits)
        {
            if (hit.Look.Id != source.Id)
            {
                candidates.Add((hit, BandOf(hit.Cosine), VectorMath.Cosine(taste, hit.Look.StyleVector.Values)));
            }
        }

        candidates.Sort((x, y) =>
            x.Band != y.Band ? y.Band.CompareTo(x.Band)
            : x.Taste != y.Taste ? y.Taste.CompareTo(x.Taste)
            : string.CompareOrdinal(x.Hit.Look.Id, y.Hit.Look.Id));

        var unitSource = VectorMath.Normalized(source.StyleVector.Values);
        Span<float> unit = stackalloc float[StyleTaxonomy.Count];
        Span<int> top = stackalloc int[StyleReasons];
        var ranked = ImmutableArray.CreateBuilder<RecommendedLook>(Math.Min(Math.Max(k, 0), candidates.Count));
        foreach (var (hit, _, _) in candidates.Take(ranked.Capacity))
        {
            VectorMath.TryNormalize(hit.Look.StyleVector.Values, unit);
            var found = StyleShares.Top(unitSource, unit, MinShare, top);
            var reasons = new Reason[found];
            for (var n = 0; n < found; n++)
            {
                var style = top[n];
                reasons[n] = new Reason("style", StyleTaxonomy.KeyOf(style), unitSource[style] * unit[style], StyleTexts[style]);
            }

            ranked.Add(new RecommendedLook(hit.Look, hit.Cosine, ImmutableArray.Create(reasons)));
        }

        return ranked.MoveToImmutable();
    }
}
