using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// "More like this": the <see cref="K"/> looks nearest to look <see cref="LookId"/> that pass the asking user's hard
/// filters, leaving out <see cref="Exclude"/> (see <see cref="ExcludeRules"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.similar-query")]
public sealed record SimilarQuery(
    [property: Id(0)] string LookId,
    [property: Id(1)] int K = SimilarQuery.DefaultK,
    [property: Id(2)] ImmutableArray<string> Exclude = default)
{
    /// <summary>A strip under one look: what a phone shows in one or two swipes.</summary>
    public const int DefaultK = 10;

    /// <summary>The recommendations' bound: a page of looks, never a crawl of the catalog in one call.</summary>
    public const int MaxK = RecommendationQuery.MaxK;
}
