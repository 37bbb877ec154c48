using System.Collections.Immutable;
using OtMz.Grains.Catalog;
using OtMz.Grains.Ranking;

namespace OtMz.Grains.Users;

/// <summary>
/// The reads that leave looks out: "more like this" (<see cref="GetSimilarLooks"/>) and the recommendations past the
/// looks a client already shows (<see cref="LookExclusion"/>).
/// </summary>
/// <remarks>
/// "More like this" is a user grain call rather than a stateless worker's because everything it filters by is this
/// grain's: the gender from the profile, the season from the context stamp, the disliked looks, and the taste that
/// breaks near-ties (<see cref="SimilarRanker"/>). So the Api makes one call and the grain one fan-out, with the filter
/// built exactly as the recommendations' is (same gender, season and disliked looks at the same moment); a stateless
/// worker would first have to ask this grain for them. The price is that the query takes its turn on this one user's
/// activation, behind that user's own signals, as a recommendation read does; other users never wait for it. Its
/// answers are not cached: each source look and each set of exclusions is another query, and one is a fan-out for
/// about 2k + 10 looks, lighter than a recompute's 150 candidates.
/// </remarks>
public sealed partial class UserGrain
{
    public async Task<SimilarLooks?> GetSimilarLooks(SimilarQuery query)
    {
        var shards = catalogOptions.Value.ShardCount;
        var lookup = LookRules.IsValidId(query.LookId) ? CatalogFanOut.GetAsync(GrainFactory, shards, query.LookId) : Task.FromResult<Look?>(null);
        var (context, _) = await RefreshContextAsync();
        if (await lookup is not { } source)
        {
            return null;
        }

        var s = state.State;
        var k = Math.Clamp(query.K, 1, SimilarQuery.MaxK);
        // The recommendations' hard filters (ComputeAsync), without an occasion, and never the source look itself.
        var filter = new LookFilter(s.Profile.Gender, context.Stamp.Season, null, [source.Id, .. s.Disliked.Items, .. Ids(query.Exclude)]);
        var hits = await CatalogFanOut.QueryAsync(GrainFactory, shards, new ShardQuery(source.StyleVector.ToArray(), SimilarRanker.PoolFor(k), filter));
        return new SimilarLooks(source.Id, time.GetUtcNow(), SimilarRanker.Rank(source, hits, CurrentTaste(), k));
    }

    /// <summary>
    /// <paramref name="k"/> recommended looks without the query's exclusions: from the cached ranking when it has k
    /// left, else ranked again with the exclusions in the shards' scan and not cached (see <see cref="LookExclusion"/>).
    /// </summary>
    private async Task<LookRecommendations> LooksExcludingAsync(RecommendationQuery query, int k, UserContext context)
    {
        var whole = await LooksAsync(query with { K = RecommendationQuery.MaxK, Exclude = default }, context);
        if (LookExclusion.TryFrom(whole, RecommendationQuery.MaxK, query.Exclude.ToHashSet(StringComparer.Ordinal), k) is { } kept)
        {
            return kept;
        }

        var closet = RankingUsesCloset ? await ClosetAsync() : null;
        return await ComputeAsync(query.Occasion, context, closet, LooksVersion(closet), k, null, query.Exclude);
    }

    private static ImmutableArray<string> Ids(ImmutableArray<string> ids) => ids.IsDefault ? [] : ids;
}
