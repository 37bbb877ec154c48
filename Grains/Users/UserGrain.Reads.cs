using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OtMz.Grains.Ads;
using OtMz.Grains.Catalog;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Users;

/// <summary>
/// The reads of the user grain and the versions they carry. A read is answered from the caches unless its facet's
/// version moved since the last computation: the taste, the region's weather, the season or the catalog changed
/// (all of which move <see cref="UserState.Version"/>), or, for the looks, the closet while the ranking weighs it.
/// Only then does it fan out to the catalog shards and re-rank.
/// </summary>
public sealed partial class UserGrain
{
    private readonly LooksCache _looks = new();
    private ICatalogGrain? _catalog;
    private (string Key, IRegionGrain Grain)? _region;

    /// <summary>The closet as the closet grain last reported it; null until read in this activation.</summary>
    private ClosetSnapshot? _closet;

    /// <summary>Whether the ranking weighs the closet, and so whether the looks version follows the closet's.</summary>
    private bool RankingUsesCloset => Ranking.ClosetWeight != 0f;

    public Task<UserSummary> GetSummary()
    {
        var s = state.State;
        return Task.FromResult(new UserSummary(UserId, s.Profile, s.Version, s.SurveyCompleted, s.SignalsApplied, StyleScores.Rank(CurrentTaste(), 5), s.UpdatedAt));
    }

    public async Task<TasteSnapshot> GetTaste() => TasteOf(await ClosetAsync());

    public async Task<LookRecommendations> GetRecommendations(RecommendationQuery query)
    {
        var (context, _) = await RefreshContextAsync();
        return CountImpressions(await LooksAsync(query, context));
    }

    /// <summary>The slate's first <paramref name="k"/> ads; the slate is delivered (and counted) whole.</summary>
    public async Task<AdRecommendations> GetAds(int k)
    {
        await RefreshContextAsync();
        var ads = await DeliverSlateAsync();
        var take = Math.Clamp(k, 1, AdRecommendations.MaxK);
        return ads.Items.Length <= take ? ads : ads with { Items = ads.Items[..take] };
    }

    public async Task<UserSnapshot> GetSnapshot()
    {
        // One context read for the whole snapshot, so its parts agree on it.
        var (context, _) = await RefreshContextAsync();
        var closet = await ClosetAsync();
        var looks = CountImpressions(await LooksAsync(new RecommendationQuery(RecommendationQuery.DefaultK), context));
        var outfits = await OutfitsAsync(new OutfitQuery(OutfitQuery.DefaultK), context.Weather);
        var snapshot = new UserSnapshot(state.State.Version, TasteOf(closet), looks, await DeliverSlateAsync(), closet, outfits);
        if (_schedule?.Pending != true)
        {
            // Every change made in this activation was pushed, so these versions reached every connected device
            // (or came from before this activation): the next push need not send them again. With a push
            // pending they have not, and it goes out in full.
            _ledger.Known<TastePart>(snapshot.Taste.Version);
            _ledger.Known<LooksPart>(snapshot.Looks.Version);
            _ledger.Known<AdsPart>(snapshot.Ads.Version);
            _ledger.Known<ClosetPart>(snapshot.Closet.Version);
            _ledger.Known<OutfitsPart>(snapshot.Outfits.Version);
            _emptyOutfitsPushedAt = closet.Style.ItemCount == 0 ? closet.Version : null;
        }

        return snapshot;
    }

    public async Task Refresh()
    {
        var (_, changed) = await RefreshContextAsync();
        if (changed)
        {
            SchedulePush();
        }
    }

    private TasteSnapshot TasteOf(ClosetSnapshot closet)
    {
        var s = state.State;
        var colours = s.ColourAffinity
            .Select((score, i) => new ColourScore((Colour)i, MathF.Round(score, 4)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ToImmutableArray();
        var taste = CurrentTaste();
        return new TasteSnapshot(s.Version, StyleVector.Create(taste), StyleScores.Rank(taste), colours, s.UpdatedAt, closet.Style);
    }

    private long LooksVersion(ClosetSnapshot? closet) => LooksCache.VersionOf(state.State.Version, closet?.Version ?? 0, RankingUsesCloset);

    private async Task<LookRecommendations> LooksAsync(RecommendationQuery query, UserContext context)
    {
        var k = Math.Clamp(query.K, 1, RecommendationQuery.MaxK);
        if (!query.Exclude.IsDefaultOrEmpty)
        {
            return await LooksExcludingAsync(query, k, context);
        }

        var closet = RankingUsesCloset ? await ClosetAsync() : null;
        var version = LooksVersion(closet);
        if (_looks.TryTake(query.Occasion, version, k, out var rank, out var generatedAt) is { } cached)
        {
            return cached;
        }

        var result = await ComputeAsync(query.Occasion, context, closet, version, rank, generatedAt);
        return _looks.Store(query.Occasion, result, rank, k);
    }

    /// <summary>
    /// Ranks <paramref name="k"/> looks for <paramref name="version"/>, taken before any await: a closet change that
    /// interleaves meanwhile moves the version on, and the next read ranks again. <paramref name="excluded"/> are left
    /// out in the shards' scan with the disliked looks.
    /// </summary>
    private async Task<LookRecommendations> ComputeAsync(Occasion? occasion, UserContext context, ClosetSnapshot? closet, long version, int k, DateTimeOffset? generatedAt,
        ImmutableArray<string> excluded = default)
    {
        var started = time.GetTimestamp();
        var s = state.State;
        var taste = PairwiseTaste.Blend(CurrentTaste(), s.Pairwise, Taste.PairwiseWeight);
        var ranking = Ranking;
        var arms = _arms?.Arms ?? [];
        var filter = new LookFilter(s.Profile.Gender, context.Stamp.Season, occasion, [.. s.Disliked.Items, .. Ids(excluded)]);
        var pool = Math.Max(ranking.CandidatePool, RecommendationQuery.MaxK);
        var candidates = await CatalogFanOut.QueryAsync(GrainFactory, catalogOptions.Value.ShardCount, new ShardQuery(taste, pool, filter));
        var rankingContext = new RankingContext(taste, s.ColourAffinity, s.Seen.Contains, context.Weather?.TemperatureC, s.Profile.Occasion,
            closet?.Style.Vector?.ToArray(), s.Liked.Contains, s.Engagement.Of);
        var items = LookRanker.Rank(candidates, rankingContext, k, ranking);
        OtMzMetrics.RecomputeDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
        logger.LogDebug("{UserId} recomputed {Count} looks at version {Version}", UserId, items.Length, version);
        return new LookRecommendations(version, generatedAt ?? time.GetUtcNow(), items) { Experiments = arms };
    }

    /// <summary>
    /// The closet as last reported, read from the closet grain once per activation. A report that arrives while
    /// this read is under way (<see cref="ClosetChanged"/> interleaves) is kept if it is newer. A closet read here
    /// did not change now, so it is not pushed: the devices have it from their snapshot; only reported changes are.
    /// </summary>
    private async ValueTask<ClosetSnapshot> ClosetAsync()
    {
        if (_closet is { } known)
        {
            return known;
        }

        var read = await GrainFactory.GetGrain<IClosetGrain>(UserId).GetSnapshot();
        if (KeepCloset(read))
        {
            _ledger.Known<ClosetPart>(read.Version);
        }

        return _closet!;
    }

    /// <summary>Keeps <paramref name="closet"/> if it is newer than the one known; true if it was.</summary>
    private bool KeepCloset(ClosetSnapshot closet)
    {
        if (_closet is { } known && known.Version >= closet.Version)
        {
            return false;
        }

        _closet = closet;
        return true;
    }

    /// <summary>
    /// Reads the outside context (catalog version, region weather, season, the user's experiment variants). When
    /// it differs from the one the last result was computed against, the version moves on, just as it does for a signal.
    /// </summary>
    private async Task<(UserContext Context, bool Changed)> RefreshContextAsync()
    {
        await RefreshArmsAsync();
        var region = state.State.Profile.Region;
        // References kept for the activation: GetGrain resolves the interface type anew on every call.
        _catalog ??= GrainFactory.GetGrain<ICatalogGrain>(0);
        if (region is not null && _region?.Key != region)
        {
            _region = (region, GrainFactory.GetGrain<IRegionGrain>(region));
        }

        var catalogVersion = _catalog.GetVersion();
        RegionWeather? weather = region is null ? null : await _region!.Value.Grain.GetWeather();
        var stamp = new ContextStamp(await catalogVersion, region, weather?.Version ?? 0, SeasonCalendar.Of(time.GetUtcNow()), _arms?.Signature);
        var context = new UserContext(stamp, weather?.Weather);
        if (state.State.Context is null)
        {
            // Nothing was computed before, so nobody saw an older context; the stamp is saved with the next write.
            state.State.Context = stamp;
            return (context, false);
        }

        if (state.State.Context == stamp)
        {
            return (context, false);
        }

        state.State.Context = stamp;
        await CommitAsync();
        return (context, true);
    }

    private void InvalidateCaches()
    {
        _looks.Clear();
        _outfits = null;
    }

    private sealed record UserContext(ContextStamp Stamp, Weather? Weather);
}
