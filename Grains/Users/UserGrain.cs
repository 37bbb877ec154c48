using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Streams;
using OtMz.Grains.Ads;
using OtMz.Grains.Catalog;
using OtMz.Grains.Push;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Users;

/// <summary>
/// Where a signal lands. The grain owns one user's taste and keeps their recommendations as a cache: a
/// read is answered from memory unless the taste, the region's weather, the season or the catalog changed
/// since the last computation; only then does it fan out to the catalog shards and re-rank.
/// Every change schedules a push, at most one per short coalescing window: the grain recomputes once and publishes
/// taste, looks and ads as one event on the user's stream, which the Api nodes holding the user's connections relay.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", "users")] IPersistentState<UserState> state,
    [PersistentState("closet", "users")] IPersistentState<ClosetState> closet,
    IOptions<TasteOptions> tasteOptions,
    IOptions<RankingOptions> rankingOptions,
    IOptions<CatalogOptions> catalogOptions,
    IOptions<PushOptions> pushOptions,
    ICampaignStore campaigns,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private readonly Dictionary<Occasion, CachedLooks> _cacheByOccasion = [];
    private CachedLooks? _cacheWithoutOccasion;
    private AdRecommendations? _ads;
    private int _adsRanked;
    private IAsyncStream<UserUpdate>? _updates;
    private IGrainTimer? _pushTimer;
    private bool _pushScheduled;
    private readonly PushWindow _pushWindow = new(time, pushOptions.Value.CoalesceWindow);
    private long _pushedVersion = -1;
    private ICatalogGrain? _catalog;
    private (string Key, IRegionGrain Grain)? _region;

    private TasteOptions Taste => tasteOptions.Value;

    private string UserId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _updates = this.GetStreamProvider(PushStreams.Provider).GetStream<UserUpdate>(StreamId.Create(PushStreams.Users, UserId));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_pushScheduled)
        {
            await PushAsync(cancellationToken);
        }
    }

    public Task<UserSummary> GetSummary()
    {
        var s = state.State;
        return Task.FromResult(new UserSummary(UserId, s.Profile, s.Version, s.SurveyCompleted, s.SignalsApplied, [.. StyleScores().Take(5)], s.UpdatedAt));
    }

    public Task<TasteSnapshot> GetTaste()
    {
        var s = state.State;
        var colours = s.ColourAffinity
            .Select((score, i) => new ColourScore((Colour)i, MathF.Round(score, 4)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ToImmutableArray();
        return Task.FromResult(new TasteSnapshot(s.Version, StyleVector.Create(CurrentTaste()), [.. StyleScores()], colours, s.UpdatedAt, CurrentClosetStyle()));
    }

    public async Task<CommandResult> UpdateProfile(UserProfile profile)
    {
        state.State.Profile = profile;
        await CommitAsync();
        await PublishAsync(new UserUpdate(UserUpdateKind.Profile, state.State.Version, Region: profile.Region));
        SchedulePush();
        return CommandResult.Ok(state.State.Version);
    }

    public async Task<CommandResult> SubmitSurvey(SurveyAnswers answers)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var seed = new float[StyleTaxonomy.Count];
        for (var i = 0; i < answers.LikedStyles.Length; i++)
        {
            if (StyleTaxonomy.TryGetIndex(answers.LikedStyles[i], out var index))
            {
                seed[index] += 1f;
            }
            else
            {
                errors.Add(new FieldError($"likedStyles[{i}]", $"Unknown style '{answers.LikedStyles[i]}'; see GET /api/v1/styles."));
            }
        }

        var looks = await CatalogFanOut.GetManyAsync(GrainFactory, catalogOptions.Value.ShardCount, answers.LikedLookIds);
        for (var i = 0; i < answers.LikedLookIds.Length; i++)
        {
            if (!looks.ContainsKey(answers.LikedLookIds[i]))
            {
                errors.Add(new FieldError($"likedLookIds[{i}]", $"Unknown look '{answers.LikedLookIds[i]}'."));
            }
        }

        if (errors.Count > 0)
        {
            return CommandResult.Rejected(errors.ToImmutable(), notFound: errors.All(e => e.Field.StartsWith("likedLookIds", StringComparison.Ordinal)));
        }

        var s = state.State;
        foreach (var look in looks.Values)
        {
            var unit = StylePrior.Debias(look.StyleVector.Values, Taste.PriorCorrection);
            for (var d = 0; d < seed.Length; d++)
            {
                seed[d] += unit[d];
            }

            s.Liked.Add(look.Id, Taste.LookMemory);
            TasteModel.BlendColours(s.ColourAffinity, TasteUpdate.PaletteWeights(look), Taste.ColourRate);
        }

        s.Taste = VectorMath.TryNormalize(seed, seed) ? seed : CurrentTaste();
        s.SurveyCompleted = true;
        await CommitAsync();
        SchedulePush();
        logger.LogInformation("{UserId} completed the survey with {LookCount} looks and {StyleCount} styles", UserId, looks.Count, answers.LikedStyles.Length);
        return CommandResult.Ok(s.Version);
    }

    public async Task<SignalBatchResult> ApplySignals(ImmutableArray<Signal> signals)
    {
        var shapeErrors = SignalRules.Validate(signals);
        if (shapeErrors.Length > 0)
        {
            return SignalBatchResult.Rejected(shapeErrors, notFound: false);
        }

        try
        {
            return await ApplyOnceAsync(signals);
        }
        catch (InconsistentStateException conflict)
        {
            // Another activation wrote this user's state (a brief double activation while a silo fails over):
            // start again from what is stored, so its signals count and ours count once each.
            logger.LogWarning(conflict, "{UserId} state changed underneath; reloading and applying the batch again", UserId);
            await state.ReadStateAsync();
            InvalidateCaches();
            return await ApplyOnceAsync(signals);
        }
    }

    private async Task<SignalBatchResult> ApplyOnceAsync(ImmutableArray<Signal> signals)
    {
        var s = state.State;
        var now = time.GetUtcNow();
        var sent = s.SignalIds;
        sent.Forget(now, Taste.SignalIdRetention);
        var batchIds = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<(int Index, Signal Signal)>(signals.Length);
        for (var i = 0; i < signals.Length; i++)
        {
            if (!sent.Contains(signals[i].Id) && batchIds.Add(signals[i].Id))
            {
                fresh.Add((i, signals[i]));
            }
        }

        // Forgetting an id early would break the promise that a retry within the retention is a duplicate, so a
        // user who has sent the quota refuses new signals instead, until the oldest ids age out.
        var wait = fresh.Count > 0 ? sent.UntilRoomFor(fresh.Count, Taste.SignalQuota, now, Taste.SignalIdRetention) : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            // Debug: a client that keeps retrying at its quota must not flood the log.
            logger.LogDebug("{UserId} refused {SignalCount} new signals: {Quota} sent within {Retention}; room in {Wait}",
                UserId, fresh.Count, Taste.SignalQuota, Taste.SignalIdRetention, wait);
            return SignalBatchResult.Refused(new SignalQuotaExceeded(Taste.SignalQuota, Taste.SignalIdRetention, wait));
        }

        var looks = await CatalogFanOut.GetManyAsync(GrainFactory, catalogOptions.Value.ShardCount,
            fresh.Where(f => f.Signal.LookId is not null).Select(f => f.Signal.LookId!));
        var unknown = fresh
            .Where(f => f.Signal.LookId is { } id && !looks.ContainsKey(id))
            .Select(f => new FieldError($"signals[{f.Index}].lookId", $"Unknown look '{f.Signal.LookId}'."))
            .ToImmutableArray();
        if (unknown.Length > 0)
        {
            return SignalBatchResult.Rejected(unknown, notFound: true);
        }

        if (fresh.Count > 0)
        {
            var taste = CurrentTaste();
            foreach (var (_, signal) in fresh)
            {
                TasteUpdate.Apply(s, taste, signal, signal.LookId is { } id ? looks[id] : null, Taste);
                sent.Add(signal.Id, now);
            }

            s.Taste = taste;
            s.SignalsApplied += fresh.Count;
            await CommitAsync();
            OtMzMetrics.SignalsApplied.Add(fresh.Count);
            SchedulePush();
            logger.LogDebug("{UserId} applied {SignalCount} signals, now at version {Version}", UserId, fresh.Count, s.Version);
        }

        if (signals.Length > fresh.Count)
        {
            OtMzMetrics.SignalsDuplicated.Add(signals.Length - fresh.Count);
        }

        return SignalBatchResult.Accepted(new SignalAck(fresh.Count, signals.Length - fresh.Count, s.Version));
    }

    public async Task<LookRecommendations> GetRecommendations(RecommendationQuery query)
    {
        var k = Math.Clamp(query.K, 1, RecommendationQuery.MaxK);
        var (context, _) = await RefreshContextAsync();
        var cached = query.Occasion is { } o ? _cacheByOccasion.GetValueOrDefault(o) : _cacheWithoutOccasion;
        if (cached is null || cached.Version != state.State.Version || !cached.Covers(k))
        {
            // A longer list than this version's ranking is ranked once, as long as a query may ask for, and keeps the
            // version's time of generation; the shards give the same candidates for the same state.
            cached = cached?.Version == state.State.Version
                ? await ComputeAsync(query.Occasion, context, RecommendationQuery.MaxK, cached.Result.GeneratedAt)
                : await ComputeAsync(query.Occasion, context, k);
            if (query.Occasion is { } occasion)
            {
                _cacheByOccasion[occasion] = cached;
            }
            else
            {
                _cacheWithoutOccasion = cached;
            }
        }

        return cached.Take(k);
    }

    public async Task<AdRecommendations> GetAds(int k)
    {
        await RefreshContextAsync();
        return RankAds(k);
    }

    public async Task<UserSnapshot> GetSnapshot()
    {
        // One context read for the whole snapshot, so its parts share one version.
        var looks = await GetRecommendations(new RecommendationQuery(RecommendationQuery.DefaultK));
        return new UserSnapshot(state.State.Version, await GetTaste(), looks, RankAds(pushOptions.Value.AdsPerPush));
    }

    public async Task Refresh()
    {
        var (_, changed) = await RefreshContextAsync();
        if (changed)
        {
            SchedulePush();
        }
    }

    public async Task Erase()
    {
        await EraseClosetAsync();
        await state.ClearStateAsync();
        InvalidateCaches();
        logger.LogInformation("{UserId} erased", UserId);
        DeactivateOnIdle();
    }

    private async Task<CachedLooks> ComputeAsync(Occasion? occasion, UserContext context, int k, DateTimeOffset? generatedAt = null)
    {
        var started = time.GetTimestamp();
        var s = state.State;
        var taste = CurrentTaste();
        var ranking = rankingOptions.Value;
        var filter = new LookFilter(s.Profile.Gender, context.Stamp.Season, occasion, [.. s.Disliked.Items]);
        var pool = Math.Max(ranking.CandidatePool, RecommendationQuery.MaxK);
        var candidates = await CatalogFanOut.QueryAsync(GrainFactory, catalogOptions.Value.ShardCount, new ShardQuery(taste, pool, filter));
        var rankingContext = new RankingContext(taste, s.ColourAffinity, s.Seen.Contains, context.Weather?.TemperatureC, s.Profile.Occasion, ClosetUnit());
        var items = LookRanker.Rank(candidates, rankingContext, k, ranking);
        OtMzMetrics.RecomputeDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
        logger.LogDebug("{UserId} recomputed {Count} looks at version {Version}", UserId, items.Length, s.Version);
        return new CachedLooks(s.Version, new LookRecommendations(s.Version, generatedAt ?? time.GetUtcNow(), items), k);
    }

    /// <summary>
    /// The first <paramref name="k"/> ads of this version's ranking. Only as many are ranked as asked for: a push
    /// sends <see cref="PushOptions.AdsPerPush"/>, and the ranking is a sort, so ranking more later gives the same
    /// first ones. The version's time of generation stays that of its first ranking.
    /// </summary>
    private AdRecommendations RankAds(int k)
    {
        var take = Math.Clamp(k, 1, AdRecommendations.MaxK);
        var version = state.State.Version;
        if (_ads?.Version != version || (take > _adsRanked && _ads.Items.Length == _adsRanked))
        {
            var items = AdRanker.Rank(campaigns.Active(), CurrentTaste(), state.State.Profile, time.GetUtcNow().Year, take);
            _ads = _ads?.Version == version ? _ads with { Items = items } : new AdRecommendations(version, time.GetUtcNow(), items);
            _adsRanked = take;
        }

        return _ads.Items.Length <= take ? _ads : _ads with { Items = _ads.Items[..take] };
    }

    /// <summary>
    /// Reads the outside context (catalog version, region weather, season). When it differs from the one the
    /// last result was computed against, the version moves on, just as it does for a signal.
    /// </summary>
    private async Task<(UserContext Context, bool Changed)> RefreshContextAsync()
    {
        var region = state.State.Profile.Region;
        // References kept for the activation: GetGrain resolves the interface type anew on every call.
        _catalog ??= GrainFactory.GetGrain<ICatalogGrain>(0);
        if (region is not null && _region?.Key != region)
        {
            _region = (region, GrainFactory.GetGrain<IRegionGrain>(region));
        }

        var catalogVersion = _catalog.GetVersion();
        RegionWeather? weather = region is null ? null : await _region!.Value.Grain.GetWeather();
        var stamp = new ContextStamp(await catalogVersion, region, weather?.Version ?? 0, SeasonCalendar.Of(time.GetUtcNow()));
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

    /// <summary>At most one recompute per coalescing window; see <see cref="PushWindow"/>.</summary>
    private void SchedulePush()
    {
        if (_pushScheduled)
        {
            return;
        }

        _pushTimer ??= this.RegisterGrainTimer(PushAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _pushTimer.Change(_pushWindow.DelayForChange(), Timeout.InfiniteTimeSpan);
        _pushScheduled = true;
    }

    /// <summary>One recompute for every change since the last push; the latest state is what goes out.</summary>
    private async Task PushAsync(CancellationToken cancellationToken)
    {
        _pushScheduled = false;
        _pushWindow.Open();
        var snapshot = await GetSnapshot();
        if (snapshot.Version == _pushedVersion)
        {
            return;
        }

        await PublishAsync(new UserUpdate(UserUpdateKind.Looks, snapshot.Version,
            PushJson.Of(snapshot.Taste), PushJson.Of(snapshot.Looks), PushJson.Of(snapshot.Ads)));
        _pushedVersion = snapshot.Version;
    }

    /// <summary>A push that cannot be delivered is logged, not thrown: clients resync by snapshot on a version gap.</summary>
    private async Task PublishAsync(UserUpdate update)
    {
        try
        {
            await _updates!.OnNextAsync(update with { PublishedAt = time.GetUtcNow() });
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "{UserId} push of {Kind} at version {Version} failed", UserId, update.Kind, update.Version);
        }
    }

    /// <summary>Bumps the version and persists. On a failed write the activation is dropped so that the next
    /// call reloads the stored state rather than trusting half-applied memory; the client retries safely.
    /// A version conflict is left to the caller, which can reload and retry at once.</summary>
    private async Task CommitAsync()
    {
        var s = state.State;
        s.Version++;
        s.UpdatedAt = time.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private void InvalidateCaches()
    {
        _cacheByOccasion.Clear();
        _cacheWithoutOccasion = null;
        _ads = null;
    }

    private float[] CurrentTaste() => state.State.Taste is { } t ? (float[])t.Clone() : TasteModel.Neutral();

    private IEnumerable<StyleScore> StyleScores() =>
        CurrentTaste().Select((score, i) => new StyleScore(StyleTaxonomy.KeyOf(i), MathF.Round(score, 4))).OrderByDescending(x => x.Score);

    private sealed record UserContext(ContextStamp Stamp, Weather? Weather);

    /// <summary>
    /// The first <c>ranked</c> looks of one version's ranking. A push ranks only the 20 it sends; the ranker picks
    /// greedily, so ranking more of the same candidates gives the same first ones and a longer list asked for at the
    /// same version continues this one. The candidates are not kept for that: a user's latest list lives until their
    /// next signal, past young-generation collections, and every byte kept per push is copied by the GC (see
    /// docs/performance.md, "Rank only what is pushed"); a longer list asks the shards again, once per version.
    /// </summary>
    private sealed record CachedLooks(long Version, LookRecommendations Result, int Ranked)
    {
        /// <summary>Whether the first <paramref name="k"/> are ranked: asked for, or every candidate there was.</summary>
        public bool Covers(int k) => k <= Ranked || Result.Items.Length < Ranked;

        public LookRecommendations Take(int k) => Result.Items.Length <= k ? Result : Result with { Items = Result.Items[..k] };
    }
}
