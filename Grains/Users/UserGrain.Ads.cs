using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OtMz.Grains.Ads;
using OtMz.Grains.Catalog;
using OtMz.Grains.Outfits;

namespace OtMz.Grains.Users;

/// <summary>
/// The user's ad slate. Each push and each read ranks the campaigns the silo's <see cref="CampaignDirectory"/> offers
/// (<see cref="AdRanker"/>), skipping those whose daily cap the user reached; the campaigns new to the slate are
/// reserved with their ledgers (<see cref="IAdLedgerGrain"/>) and only the granted ones go in. The grants are written
/// to the state's outbox before the delivery (the push published, or the read answered), and confirmed and counted
/// against the caps after it; a push that fails releases them. A ledger never frees a grant on its own: when one is
/// overdue it asks this grain, whose outbox says whether the delivery may have happened, so no crash between
/// reservation and confirmation can deliver more than a budget. A slate that did not change keeps its version and is
/// not delivered again, so an ad on screen counts once; a new local day starts a new slate.
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>How long a paced campaign is not asked again by this user.</summary>
    private static readonly TimeSpan PacedRetry = TimeSpan.FromMinutes(1);

    /// <summary>The items of the slate at <see cref="AdSlate.Version"/>; null until built in this activation.</summary>
    private AdRecommendations? _slateItems;

    /// <summary>Campaigns a ledger refused: not asked again until the time, or until the campaigns' version moves.</summary>
    private readonly Dictionary<string, (DateTimeOffset Until, long CatalogVersion)> _refused = new(StringComparer.Ordinal);

    /// <summary>The newest campaigns version announced to this grain (<see cref="RefreshAds"/>).</summary>
    private long _heardCampaigns;

    /// <summary>How long a completing ad found for a saved outfit leads the slate.</summary>
    private static readonly TimeSpan CompletionHold = TimeSpan.FromHours(1);

    /// <summary>The ad that completes the outfit the user saved last, while it leads the slate.</summary>
    private (string CampaignId, RecommendedAd Ad, DateTimeOffset Until)? _completion;

    public Task RefreshAds(long campaignsVersion)
    {
        _heardCampaigns = Math.Max(_heardCampaigns, campaignsVersion);
        SchedulePush();
        return Task.CompletedTask;
    }

    public async Task<AdClickOutcome> ClickAd(string campaignId, string clickId)
    {
        if (!state.State.Ads.WasDelivered(campaignId, time.GetUtcNow()))
        {
            return await GrainFactory.GetGrain<IAdCampaignRegistryGrain>(0).Get(campaignId) is null
                ? AdClickOutcome.UnknownCampaign
                : AdClickOutcome.NotDelivered;
        }

        return await GrainFactory.GetGrain<IAdLedgerGrain>(campaignId).Click(new AdClick(clickId, UserId)) == ClickOutcome.Recorded
            ? AdClickOutcome.Recorded
            : AdClickOutcome.Duplicate;
    }

    /// <summary>The slate delivered by a read: built, then confirmed at once, since the reply is the delivery.</summary>
    private async Task<AdRecommendations> DeliverSlateAsync()
    {
        var slate = await SlateAsync();
        await RecordAsync(slate);
        await SettleAsync(slate, delivered: true);
        return slate.Ads;
    }

    /// <summary>The slate as it should be now, with the reservations its new campaigns hold.</summary>
    private async Task<SlateDraft> SlateAsync()
    {
        var now = time.GetUtcNow();
        var today = LocalDay.Of(now, UserZone());
        var catalog = await campaignDirectory.GetAsync(_heardCampaigns);
        var s = state.State.Ads;
        var current = s.Day == today ? s.CampaignIds : [];
        var unitTaste = VectorMath.Normalized(CurrentTaste());
        var ranked = AdRanker.Rank(catalog.Campaigns, unitTaste, state.State.Profile, now.Year,
            c => catalog.Offers(c, now) && !IsRefused(c.Id, now, catalog.Version) && (current.Contains(c.Id) || s.DeliveriesToday(c.Id, today) < c.DailyCap),
            adsOptions.Value);
        ranked = LeadWithCompletion(ranked, now);
        var size = pushOptions.Value.AdsPerPush;
        var chosen = new List<RecommendedAd>(size);
        var reserved = ImmutableArray.CreateBuilder<(string CampaignId, Guid Reservation)>();
        var next = 0;
        while (chosen.Count < size && next < ranked.Length)
        {
            var batch = ranked.Skip(next).Take(size - chosen.Count).ToList();
            next += batch.Count;
            var answers = await Task.WhenAll(batch.Select(b => current.Contains(b.Campaign.Id) ? Task.FromResult<Guid?>(Guid.Empty) : ReserveAsync(b.Campaign.Id, now, catalog.Version)));
            for (var i = 0; i < batch.Count; i++)
            {
                if (answers[i] is not { } reservation)
                {
                    continue;
                }

                chosen.Add(AdRanker.AdOf(batch[i], unitTaste));
                if (reservation != Guid.Empty)
                {
                    reserved.Add((batch[i].Campaign.Id, reservation));
                }
            }
        }

        // An edited creative (a new title or image) makes a new version, though it counts no new impression.
        if (s.Day == today && _slateItems is { } items && items.Version == s.Version && chosen.Select(a => a.Campaign).SequenceEqual(items.Items.Select(a => a.Campaign)))
        {
            return new SlateDraft(items, [], today);
        }

        // The same campaigns after a reactivation keep their version: the devices have them from before.
        var version = s.Day == today && _slateItems is null && chosen.Select(a => a.Campaign.Id).SequenceEqual(s.CampaignIds) ? s.Version : s.Version + 1;
        return new SlateDraft(new AdRecommendations(version, now, [.. chosen]), reserved.ToImmutable(), today);
    }

    /// <summary>
    /// After the user saved a look or an outfit: the campaign whose linked item best fills what it lacks for today
    /// (<see cref="OutfitCompletionAds"/>) leads the next slate, with its "completes your outfit" reason.
    /// </summary>
    private async Task OfferCompletionAsync(IReadOnlyList<OutfitPiece> pieces, Weather? observed)
    {
        var today = OutfitDay.Today(time);
        var temperature = OutfitDay.WeatherOf(today, today, observed).TemperatureC;
        if (pieces.Count == 0 || OutfitCompletionAds.Gaps(pieces, temperature).Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var day = LocalDay.Of(now, UserZone());
        var catalog = await campaignDirectory.GetAsync(_heardCampaigns);
        var linked = catalog.Campaigns.Where(c => c is { LookId: not null, ItemSlot: not null } && catalog.Offers(c, now)
            && AdRanker.Admits(c, state.State.Profile, now.Year) && !IsRefused(c.Id, now, catalog.Version)
            && state.State.Ads.DeliveriesToday(c.Id, day) < c.DailyCap).ToList();
        if (linked.Count == 0)
        {
            return;
        }

        var looks = await CatalogFanOut.GetManyAsync(GrainFactory, catalogOptions.Value.ShardCount, linked.Select(c => c.LookId!));
        var best = OutfitCompletionAds.Best(pieces, temperature, linked.Where(c => looks.ContainsKey(c.LookId!)).Select(c => (c, looks[c.LookId!])), CurrentTaste());
        if (best is { } found)
        {
            _completion = (found.Campaign.Id, found.Ad, now + CompletionHold);
            logger.LogDebug("{UserId}: {CampaignId} completes the outfit just saved", UserId, found.Campaign.Id);
        }
    }

    /// <summary>The ranking with the completing ad first, while it holds and its campaign is still offered to this user.</summary>
    private ImmutableArray<RankedCampaign> LeadWithCompletion(ImmutableArray<RankedCampaign> ranked, DateTimeOffset now)
    {
        if (_completion is not { } completion)
        {
            return ranked;
        }

        var index = -1;
        for (var i = 0; i < ranked.Length && index < 0; i++)
        {
            index = ranked[i].Campaign.Id == completion.CampaignId ? i : -1;
        }

        if (now >= completion.Until || index < 0)
        {
            _completion = null;
            return ranked;
        }

        return ranked.RemoveAt(index).Insert(0, ranked[index] with { Ad = completion.Ad });
    }

    /// <summary>A reservation id when the ledger granted one impression, else null (and the campaign is set aside).</summary>
    private async Task<Guid?> ReserveAsync(string campaignId, DateTimeOffset now, long catalogVersion)
    {
        var id = Guid.NewGuid();
        AdGrant grant;
        try
        {
            grant = await GrainFactory.GetGrain<IAdLedgerGrain>(campaignId).Reserve(new AdReservation(id, UserId));
        }
        catch (Exception exception)
        {
            // The ledger may have granted and stored it: once overdue, it asks this grain, and the outbox never held it.
            logger.LogWarning(exception, "{UserId}: no answer from the ledger of {CampaignId}", UserId, campaignId);
            _refused[campaignId] = (now + PacedRetry, catalogVersion);
            return null;
        }

        if (grant.Granted)
        {
            return id;
        }

        _refused[campaignId] = grant.Refusal switch
        {
            AdRefusal.Paced => (now + PacedRetry, catalogVersion),
            AdRefusal.DailyExhausted => (LocalDay.Bounds(now, UserZone()).End, catalogVersion),
            _ => (DateTimeOffset.MaxValue, catalogVersion),
        };
        return null;
    }

    /// <summary>A refusal holds until its time, or, for one that has no time, until the campaigns change.</summary>
    private bool IsRefused(string campaignId, DateTimeOffset now, long catalogVersion)
    {
        if (!_refused.TryGetValue(campaignId, out var refused))
        {
            return false;
        }

        if (now < refused.Until && (refused.Until != DateTimeOffset.MaxValue || refused.CatalogVersion == catalogVersion))
        {
            return true;
        }

        _refused.Remove(campaignId);
        return false;
    }

    /// <summary>
    /// Before a slate with new grants is delivered, its reservations go into the outbox and the state is written:
    /// whatever happens next, a ledger that asks about one of them (<see cref="SettleAdReservation"/>) learns that it
    /// may have been delivered, and one that is not in the written outbox was certainly not. A failed write releases
    /// the grants and fails the delivery.
    /// </summary>
    private async Task RecordAsync(SlateDraft slate)
    {
        if (slate.Reserved.IsEmpty)
        {
            return;
        }

        var outbox = state.State.Ads.Outbox;
        foreach (var (campaignId, reservation) in slate.Reserved)
        {
            outbox[reservation] = campaignId;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            foreach (var (_, reservation) in slate.Reserved)
            {
                outbox.Remove(reservation);
            }

            await SettleWithLedgersAsync(slate.Reserved, confirm: false);
            throw;
        }
    }

    /// <summary>
    /// After the delivery: confirms the grants and records the slate (its version, the caps, the campaigns a click
    /// may name), or, when it was not delivered, releases them. A grant whose confirmation fails stays in the outbox
    /// for its ledger to ask about.
    /// </summary>
    private async Task SettleAsync(SlateDraft slate, bool delivered)
    {
        if (slate.Reserved.IsEmpty && slate.Ads.Version == state.State.Ads.Version)
        {
            _slateItems = slate.Ads;
            return;
        }

        var s = state.State.Ads;
        var settled = await SettleWithLedgersAsync(slate.Reserved, confirm: delivered);
        foreach (var reservation in settled)
        {
            s.Outbox.Remove(reservation);
        }

        if (delivered)
        {
            s.Count(slate.Reserved.Select(r => r.CampaignId), slate.Day, time.GetUtcNow());
            s.Version = slate.Ads.Version;
            s.Day = slate.Day;
            s.CampaignIds = [.. slate.Ads.Items.Select(a => a.Campaign.Id)];
            _slateItems = slate.Ads;
        }

        if (slate.Reserved.IsEmpty)
        {
            // Only the order or a creative changed: no cap, outbox or budget moved, so the new version waits for the
            // user's next write (every signal makes one) rather than costing a write of its own on the push path.
            return;
        }

        // Written without moving the taste's version: the slate changes nothing else a client sees.
        await state.WriteStateAsync();
    }

    public Task<bool> SettleAdReservation(Guid reservation)
    {
        // In the written outbox: the delivery began and may have reached the user, so it counts. Not in it: the
        // delivery never began (grants go into the outbox before), or it was settled already.
        var mayHaveDelivered = state.State.Ads.Outbox.Remove(reservation);
        return Task.FromResult(mayHaveDelivered);
    }

    /// <summary>Confirms or releases the reservations, campaign by campaign; returns those the ledgers took.</summary>
    private async Task<IReadOnlyList<Guid>> SettleWithLedgersAsync(ImmutableArray<(string CampaignId, Guid Reservation)> reserved, bool confirm)
    {
        var settled = await Task.WhenAll(reserved.GroupBy(r => r.CampaignId).Select(async group =>
        {
            ImmutableArray<Guid> ids = [.. group.Select(r => r.Reservation)];
            try
            {
                var ledger = GrainFactory.GetGrain<IAdLedgerGrain>(group.Key);
                await (confirm ? ledger.Confirm(ids) : ledger.Release(ids));
                return ids;
            }
            catch (Exception exception)
            {
                // The reservations stay pending in the ledger, which asks this grain about them when they are overdue.
                logger.LogWarning(exception, "{UserId}: could not {Action} reservations with {CampaignId}", UserId, confirm ? "confirm" : "release", group.Key);
                return [];
            }
        }));
        return [.. settled.SelectMany(ids => ids)];
    }

    private TimeZoneInfo UserZone()
    {
        var options = adsOptions.Value;
        var id = state.State.Profile.Region is { } region && options.RegionTimeZones.TryGetValue(region, out var zone) ? zone : options.DefaultTimeZone;
        return LocalDay.Find(id) ?? TimeZoneInfo.Utc;
    }

    /// <summary>A slate to deliver: its ads, the reservations of its new campaigns, and the local day it is for.</summary>
    private sealed record SlateDraft(AdRecommendations Ads, ImmutableArray<(string CampaignId, Guid Reservation)> Reserved, DateOnly Day);
}
