using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OtMz.Grains.Push;

namespace OtMz.Grains.Users;

/// <summary>
/// Where a push leaves the grain. Every change schedules a push (<see cref="PushSchedule"/>: at most one per short
/// coalescing window); when it runs, the grain computes the facets whose version moved since the last push
/// (<see cref="PushLedger"/>) and publishes them as typed parts of one event on the user's stream, which the Api
/// nodes holding the user's connections relay part by part.
/// </summary>
public sealed partial class UserGrain
{
    private readonly PushLedger _ledger = new();
    private PushSchedule? _schedule;
    private IAsyncStream<UserUpdate>? _updates;
    private IGrainTimer? _pushTimer;
    private long _pushDueSince;

    private PushSchedule Schedule => _schedule ??= new PushSchedule(time, pushOptions.Value.CoalesceWindow);

    public async Task<string> GetPushKey()
    {
        if (state.State.PushKey is null)
        {
            // Written on its own, without moving the version: a new key changes nothing a client sees.
            state.State.PushKey = Guid.NewGuid().ToString("N");
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.PushKey = null;
                throw;
            }

            OpenPushStream();
        }

        return state.State.PushKey;
    }

    private void OpenPushStream() =>
        _updates = state.State.PushKey is { } key
            ? this.GetStreamProvider(PushStreams.Provider).GetStream<UserUpdate>(StreamId.Create(PushStreams.Users, key))
            : null;

    private void SchedulePush()
    {
        if (_updates is null || Schedule.Changed() is not { } delay)
        {
            return;
        }

        _pushDueSince = lagGate.Timestamp();

        _pushTimer ??= this.RegisterGrainTimer(PushAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _pushTimer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>One recompute for every change since the last push; the latest state of each changed facet is what goes out.</summary>
    private async Task PushAsync(CancellationToken cancellationToken)
    {
        var dueSince = _pushDueSince;
        Schedule.Starting();
        var (context, _) = await RefreshContextAsync();
        var closet = await ClosetAsync();
        var parts = ImmutableArray.CreateBuilder<PushPart>(5);
        if (_ledger.IsNew<TastePart>(state.State.Version))
        {
            parts.Add(TastePart.Of(TasteOf(closet)));
        }

        if (_ledger.IsNew<LooksPart>(LooksVersion(closet)))
        {
            parts.Add(LooksPart.Of(CountImpressions(await LooksAsync(new RecommendationQuery(RecommendationQuery.DefaultK), context))));
        }

        var slate = await SlateAsync();
        var sendsAds = _ledger.IsNew<AdsPart>(slate.Ads.Version);
        if (sendsAds)
        {
            parts.Add(AdsPart.Of(slate.Ads));
        }

        if (_ledger.IsNew<ClosetPart>(closet.Version))
        {
            parts.Add(ClosetPart.Of(closet));
        }

        if (ShouldPushOutfits(closet))
        {
            parts.Add(await OutfitsPartAsync(closet, context.Weather));
        }

        if (sendsAds)
        {
            try
            {
                await RecordAsync(slate);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "{UserId}: ad slate {Version} not recorded, so not pushed", UserId, slate.Ads.Version);
                parts.Remove(parts.First(p => p is AdsPart));
                sendsAds = false;
            }
        }

        var published = parts.Count > 0 && await PublishAsync(new UserUpdate(parts.DrainToImmutable()));
        if (published)
        {
            lagGate.Published(dueSince);
        }

        if (sendsAds)
        {
            await SettleAsync(slate, delivered: published);
        }
    }

    /// <summary>A push that cannot be delivered is logged, not thrown: clients resync by snapshot on a version gap.</summary>
    private async Task<bool> PublishAsync(UserUpdate update)
    {
        if (_updates is null)
        {
            return false;
        }

        try
        {
            // The real clock, not the grain clock a test may fake: the relay measures delivery from this.
            await _updates.OnNextAsync(update with { PublishedAt = TimeProvider.System.GetUtcNow() });
            foreach (var part in update.Parts)
            {
                _ledger.Sent(part);
            }

            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "{UserId} push of {PartCount} parts failed", UserId, update.Parts.Length);
            return false;
        }
    }
}
