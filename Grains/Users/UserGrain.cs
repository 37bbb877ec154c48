using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Streams;
using OtMz.Grains.Ads;
using OtMz.Grains.Catalog;
using OtMz.Grains.Experiments;
using OtMz.Grains.Outfits;
using OtMz.Grains.Push;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Users;

/// <summary>
/// Where a signal lands and where the taste changes. The grain owns one user's taste and signals (this file: the
/// commands), answers reads from its recommendation caches (<see cref="LooksCache"/>; UserGrain.Reads.cs), keeps the
/// ad slate (UserGrain.Ads.cs), and pushes every facet that changed (UserGrain.Push.cs). The closet is the closet grain's
/// (<see cref="IClosetGrain"/>), which tells this grain of each change; the looks follow the closet only while the
/// ranking weighs it. Each facet has its own version: the taste's is <see cref="UserState.Version"/>, which moves
/// with every signal, survey, profile or context change; the ad slate has its own; the closet's is the closet grain's; the
/// looks' is the sum of the taste's and, while <see cref="RankingOptions.ClosetWeight"/> is not zero, the closet's.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", "users")] IPersistentState<UserState> state,
    IOptions<TasteOptions> tasteOptions,
    IOptions<RankingOptions> rankingOptions,
    IOptions<CatalogOptions> catalogOptions,
    IOptions<PushOptions> pushOptions,
    PushLagGate lagGate,
    CampaignDirectory campaignDirectory,
    IOptions<AdsOptions> adsOptions,
    ExperimentDirectory experiments,
    ExperimentTally tally,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    /// <summary>The taste options of the user's variants (UserGrain.Experiments.cs), else the configured ones.</summary>
    private TasteOptions Taste => _arms?.Taste ?? tasteOptions.Value;

    private string UserId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        OpenPushStream();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_schedule?.Pending == true)
        {
            await PushAsync(cancellationToken);
        }
    }

    public async Task<CommandResult> UpdateProfile(UserProfile profile)
    {
        state.State.Profile = profile;
        await CommitAsync();
        await PublishAsync(UserUpdate.RegionMoved(profile.Region));
        SchedulePush();
        return CommandResult.Ok(state.State.Version);
    }

    public async Task<CommandResult> SubmitSurvey(SurveyAnswers answers)
    {
        await RefreshArmsAsync();
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var seed = new DebiasedStyleSum(Taste.PriorCorrection);
        for (var i = 0; i < answers.LikedStyles.Length; i++)
        {
            if (StyleTaxonomy.TryGetIndex(answers.LikedStyles[i], out var index))
            {
                seed.AddStyle(index);
            }
            else
            {
                errors.Add(new FieldError($"likedStyles[{i}]", $"Unknown style '{answers.LikedStyles[i]}'."));
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
            seed.Add(look.StyleVector.Values);
            s.Liked.Add(look.Id, Taste.LookMemory);
            TasteModel.BlendColours(s.ColourAffinity, TasteUpdate.PaletteWeights(look), Taste.ColourRate);
        }

        s.Taste = seed.Direction() ?? CurrentTaste();
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

        await RefreshArmsAsync();
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

        if (fresh.Count > 0 && lagGate.Shedding)
        {
            // Behind on pushes: a signal taken now would be reflected seconds late, so the client is asked to come
            // back instead. Nothing is applied; the ids are not remembered, so the retry is new, not a duplicate.
            OtMzMetrics.SignalsShed.Add(fresh.Count);
            return SignalBatchResult.Shed(lagGate.RetryAfter);
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
            TasteUpdate.LearnPairs(s, fresh.Select(f => f.Signal), looks, Taste);
            s.SignalsApplied += fresh.Count;
            s.Saves += fresh.Count(f => f.Signal.Type == SignalType.Save);
            await CommitAsync();
            OtMzMetrics.SignalsApplied.Add(fresh.Count);
            CountSignals(fresh.Select(f => f.Signal));
            if (fresh.LastOrDefault(f => f.Signal.Type == SignalType.Save && f.Signal.LookId is not null).Signal is { } saved)
            {
                var look = looks[saved.LookId!];
                var (context, _) = await RefreshContextAsync();
                await OfferCompletionAsync([.. look.Garments.Select(g => OutfitPiece.FromGarment(g, look.StyleVector))], context.Weather);
            }

            SchedulePush();
            logger.LogDebug("{UserId} applied {SignalCount} signals, now at version {Version}", UserId, fresh.Count, s.Version);
        }

        if (signals.Length > fresh.Count)
        {
            OtMzMetrics.SignalsDuplicated.Add(signals.Length - fresh.Count);
        }

        return SignalBatchResult.Accepted(new SignalAck(fresh.Count, signals.Length - fresh.Count, s.Version));
    }

    /// <summary>Runs between other calls' awaits ([AlwaysInterleave]); it awaits nothing, see <see cref="IUserGrain.ClosetChanged"/>.</summary>
    public Task ClosetChanged(ClosetSnapshot closet)
    {
        if (KeepCloset(closet))
        {
            SchedulePush();
        }

        return Task.CompletedTask;
    }

    public async Task Erase()
    {
        await Task.WhenAll(GrainFactory.GetGrain<IClosetGrain>(UserId).Erase(), GrainFactory.GetGrain<ICodibookGrain>(UserId).Erase());
        await state.ClearStateAsync();
        _closet = null;
        _contents = null;
        _updates = null;
        InvalidateCaches();
        _ledger.Clear();
        logger.LogInformation("{UserId} erased", UserId);
        DeactivateOnIdle();
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

    private float[] CurrentTaste() => state.State.Taste is { } t ? (float[])t.Clone() : TasteModel.Neutral();
}
