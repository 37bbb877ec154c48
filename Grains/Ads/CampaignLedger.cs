using System.Collections.Immutable;

namespace OtMz.Grains.Ads;

/// <summary>
/// The decisions of a campaign's ledger, without the grain: what to grant, what expires, what a click and a
/// report are. <see cref="AdLedgerGrain"/> persists <see cref="State"/> after each change; the pacing simulation
/// (bench/AdPacing) and the tests drive this class directly on a simulated clock. Budgets count confirmed and
/// pending impressions together, so a grant can never be taken twice whatever is confirmed later; a pending one
/// keeps its budget until it is confirmed or released, however late.
/// </summary>
public sealed class CampaignLedger(LedgerState state, AdsOptions options)
{
    /// <summary>Two days of hourly delivery: today and yesterday in any time zone.</summary>
    public const int HoursKept = 48;

    private static readonly TimeSpan ClickMemory = TimeSpan.FromHours(48);

    private TimeZoneInfo? _zone;

    public LedgerState State => state;

    /// <summary>Confirmed and pending impressions over the campaign's life.</summary>
    public long Granted => state.Confirmed + state.Pending.Count;

    private TimeZoneInfo Zone => _zone ??= state.Campaign is { } c ? LocalDay.Find(c.TimeZone) ?? TimeZoneInfo.Utc : TimeZoneInfo.Utc;

    public void Configure(AdCampaign? campaign)
    {
        state.Deleted = campaign is null && state.Campaign is not null;
        state.Campaign = campaign ?? state.Campaign;
        _zone = null;
    }

    public AdGrant Reserve(AdReservation reservation, DateTimeOffset now)
    {
        if (state.Campaign is not { } campaign || state.Deleted)
        {
            return AdGrant.No(AdRefusal.Unknown);
        }

        if (state.Pending.ContainsKey(reservation.Id))
        {
            return AdGrant.Yes;
        }

        if (!campaign.IsLiveAt(now))
        {
            return AdGrant.No(AdRefusal.NotLive);
        }

        RollDay(now);
        if (Granted >= campaign.TotalBudget)
        {
            return AdGrant.No(AdRefusal.Exhausted);
        }

        if (campaign.DailyBudget is { } daily && state.DayGranted >= daily)
        {
            return AdGrant.No(AdRefusal.DailyExhausted);
        }

        if (AdPacing.PeriodOf(campaign, now, Zone) is { } period
            && (period.Daily ? state.DayGranted : Granted) >= AdPacing.Allowance(period, now, options.PacingLookahead, options.PacingLead))
        {
            return AdGrant.No(AdRefusal.Paced);
        }

        state.Pending[reservation.Id] = new PendingImpression(reservation.UserId, now + options.ReservationTimeout, state.Day);
        state.DayGranted++;
        return AdGrant.Yes;
    }

    /// <summary>Counts the pending ids as delivered; returns how many were.</summary>
    public int Confirm(IEnumerable<Guid> reservations, DateTimeOffset now)
    {
        var confirmed = 0;
        foreach (var id in reservations)
        {
            if (state.Pending.Remove(id))
            {
                state.Confirmed++;
                HourOf(now).Impressions++;
                confirmed++;
            }
        }

        return confirmed;
    }

    /// <summary>Frees the pending ids' budget; returns how many were pending.</summary>
    public int Release(IEnumerable<Guid> reservations, DateTimeOffset now)
    {
        var released = 0;
        foreach (var id in reservations)
        {
            if (state.Pending.Remove(id, out var pending))
            {
                Unday(pending);
                released++;
            }
        }

        return released;
    }

    /// <summary>
    /// The reservations whose delivery has not reported back in time. They keep their budget until settled: the
    /// grain asks each one's user grain whether it delivered (<see cref="IUserGrain.SettleAdReservation"/>) and
    /// confirms or releases accordingly.
    /// </summary>
    public IReadOnlyList<(Guid Id, string UserId)> Overdue(DateTimeOffset now) =>
        [.. state.Pending.Where(p => p.Value.ExpiresAt <= now).Select(p => (p.Key, p.Value.UserId))];

    /// <summary>Releases the reservations whose delivery never reported back, without asking anyone; returns how many.</summary>
    public int Expire(DateTimeOffset now)
    {
        List<Guid>? expired = null;
        foreach (var (id, pending) in state.Pending)
        {
            if (pending.ExpiresAt <= now)
            {
                (expired ??= []).Add(id);
            }
        }

        foreach (var id in expired ?? [])
        {
            state.Pending.Remove(id, out var pending);
            Unday(pending!);
        }

        return expired?.Count ?? 0;
    }

    public ClickOutcome Click(AdClick click, DateTimeOffset now)
    {
        foreach (var (key, at) in state.RecentClicks.Where(c => now - c.Value > ClickMemory).ToList())
        {
            state.RecentClicks.Remove(key);
        }

        if (!state.RecentClicks.TryAdd($"{click.UserId}/{click.ClickId}", now))
        {
            return ClickOutcome.Duplicate;
        }

        state.Clicks++;
        HourOf(now).Clicks++;
        return ClickOutcome.Recorded;
    }

    /// <summary>Until when the campaign cannot deliver for want of budget at <paramref name="now"/>, or null when it can.</summary>
    public DateTimeOffset? OutUntil(DateTimeOffset now)
    {
        if (state.Campaign is not { } campaign)
        {
            return null;
        }

        if (Granted >= campaign.TotalBudget)
        {
            return DateTimeOffset.MaxValue;
        }

        RollDay(now);
        return campaign.DailyBudget is { } daily && state.DayGranted >= daily ? LocalDay.Bounds(now, Zone).End : null;
    }

    public CampaignReport Report(string campaignId, DateTimeOffset now)
    {
        RollDay(now);
        var campaign = state.Campaign;
        var period = campaign is null ? null : AdPacing.PeriodOf(campaign, now, Zone);
        var line = period is { } p ? AdPacing.Line(p, now) : (double?)null;
        var delivered = period is { Daily: true } ? state.DayGranted : Granted;
        var status = StatusOf(campaign, now, line, delivered);
        var hours = state.Hours.Select(h => new HourlyDelivery(
            TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(h.Key * 3600), Zone), h.Value.Impressions, h.Value.Clicks));
        return new CampaignReport(
            campaignId,
            state.Confirmed,
            state.Clicks,
            state.Confirmed == 0 ? 0 : (double)state.Clicks / state.Confirmed,
            state.Pending.Count,
            campaign is null ? 0 : Math.Max(0, campaign.TotalBudget - Granted),
            state.DayGranted,
            campaign?.DailyBudget is { } daily ? Math.Max(0, daily - state.DayGranted) : null,
            status,
            line is { } l ? (long)Math.Floor(l) : null,
            [.. hours],
            now);
    }

    private PacingStatus StatusOf(AdCampaign? campaign, DateTimeOffset now, double? line, long delivered)
    {
        if (campaign is null || state.Deleted)
        {
            return PacingStatus.Deleted;
        }

        if (campaign.Paused)
        {
            return PacingStatus.Paused;
        }

        if (now < campaign.StartsAt)
        {
            return PacingStatus.Scheduled;
        }

        if (campaign.EndsAt is { } end && now >= end)
        {
            return PacingStatus.Ended;
        }

        if (Granted >= campaign.TotalBudget)
        {
            return PacingStatus.BudgetSpent;
        }

        if (campaign.DailyBudget is { } daily && state.DayGranted >= daily)
        {
            return PacingStatus.DailyBudgetSpent;
        }

        return line is { } l && delivered < l * (1 - options.PacingTolerance) ? PacingStatus.Behind : PacingStatus.OnPace;
    }

    private void RollDay(DateTimeOffset now)
    {
        var day = LocalDay.Of(now, Zone);
        if (day != state.Day)
        {
            state.Day = day;
            state.DayGranted = state.Pending.Values.Count(p => p.Day == day);
        }
    }

    private void Unday(PendingImpression pending)
    {
        if (pending.Day == state.Day && state.DayGranted > 0)
        {
            state.DayGranted--;
        }
    }

    private HourCounts HourOf(DateTimeOffset now)
    {
        var hour = now.ToUnixTimeSeconds() / 3600;
        if (!state.Hours.TryGetValue(hour, out var counts))
        {
            counts = state.Hours[hour] = new HourCounts();
            while (state.Hours.Count > HoursKept)
            {
                state.Hours.Remove(state.Hours.Keys.First());
            }
        }

        return counts;
    }
}
