using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Ads;

/// <summary>
/// One campaign's ledger as a grain: <see cref="CampaignLedger"/> decides, this persists (storage "ads") before it
/// answers, so a grant survives the silo that made it. One activation in the cluster answers every user grain in
/// turn, which is what makes the count exact. A reservation not settled within <see cref="AdsOptions.ReservationTimeout"/>
/// is settled by asking its user grain (a timer does it even when no one reserves), and every
/// change of whether the campaign is out of budget is reported to the registry, which tells connected users.
/// </summary>
public sealed class AdLedgerGrain(
    [PersistentState("ledger", "ads")] IPersistentState<LedgerState> state,
    IOptions<AdsOptions> options,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    ILogger<AdLedgerGrain> logger) : Grain, IAdLedgerGrain
{
    private CampaignLedger? _ledger;

    private CampaignLedger Ledger => _ledger ??= new CampaignLedger(state.State, options.Value);

    private string CampaignId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Campaign is null)
        {
            // First activation, or a registry that stored the campaign and died before configuring this ledger.
            Ledger.Configure(await GrainFactory.GetGrain<IAdCampaignRegistryGrain>(0).Get(CampaignId));
        }

        var period = options.Value.ReservationTimeout;
        this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = false });
    }

    public async Task Configure(AdCampaign? campaign)
    {
        Ledger.Configure(campaign);
        await CommitAsync();
    }

    public async Task<AdGrant> Reserve(AdReservation reservation)
    {
        var grant = Ledger.Reserve(reservation, time.GetUtcNow());
        if (grant.Refusal is AdRefusal.Exhausted or AdRefusal.DailyExhausted && await SettleOverdueAsync() > 0)
        {
            // Budget held by deliveries that never reported back may be free again.
            grant = Ledger.Reserve(reservation, time.GetUtcNow());
        }

        if (grant.Granted)
        {
            await CommitAsync();
        }

        return grant;
    }

    public async Task Confirm(ImmutableArray<Guid> reservations)
    {
        if (Ledger.Confirm(reservations, time.GetUtcNow()) > 0)
        {
            await CommitAsync();
        }
    }

    public async Task Release(ImmutableArray<Guid> reservations)
    {
        if (Ledger.Release(reservations, time.GetUtcNow()) > 0)
        {
            await CommitAsync();
        }
    }

    public async Task<ClickOutcome> Click(AdClick click)
    {
        var outcome = Ledger.Click(click, time.GetUtcNow());
        if (outcome == ClickOutcome.Recorded)
        {
            await state.WriteStateAsync();
        }

        return outcome;
    }

    public Task<CampaignReport> Report() => Task.FromResult(Ledger.Report(CampaignId, time.GetUtcNow()));

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (await SettleOverdueAsync() == 0 && OutChanged())
        {
            // A daily budget's new day frees the campaign without any reservation moving.
            await CommitAsync();
        }
    }

    /// <summary>
    /// Asks the user grain of each overdue reservation whether its delivery may have happened, and confirms or
    /// releases it by the answer; one that cannot be asked now stays pending for the next sweep. Returns how many
    /// were released.
    /// </summary>
    private async Task<int> SettleOverdueAsync()
    {
        var overdue = Ledger.Overdue(time.GetUtcNow());
        if (overdue.Count == 0)
        {
            return 0;
        }

        var answers = await Task.WhenAll(overdue.Select(async o =>
        {
            try
            {
                return (o.Id, Delivered: (bool?)await GrainFactory.GetGrain<IUserGrain>(o.UserId).SettleAdReservation(o.Id));
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "{CampaignId}: user {UserId} not reached about reservation {Reservation}", CampaignId, o.UserId, o.Id);
                return (o.Id, Delivered: (bool?)null);
            }
        }));
        var now = time.GetUtcNow();
        var confirmed = Ledger.Confirm(answers.Where(a => a.Delivered == true).Select(a => a.Id), now);
        var released = Ledger.Release(answers.Where(a => a.Delivered == false).Select(a => a.Id), now);
        if (confirmed + released > 0)
        {
            logger.LogInformation("{CampaignId}: {Confirmed} overdue reservations counted as delivered, {Released} released", CampaignId, confirmed, released);
            await CommitAsync();
        }

        return released;
    }

    /// <summary>Writes the state, then tells the registry if the campaign ran out of budget or has budget again.</summary>
    private async Task CommitAsync()
    {
        var changed = OutChanged();
        await state.WriteStateAsync();
        if (changed)
        {
            var until = state.State.ReportedOutUntil;
            logger.LogInformation("{CampaignId} is {Standing}", CampaignId, until is null ? "delivering again" : $"out of budget until {until:O}");
            // One-way: the registry may be calling this ledger at the same moment (a Configure).
            await GrainFactory.GetGrain<IAdCampaignRegistryGrain>(0).SetStanding(CampaignId, until);
        }
    }

    private bool OutChanged()
    {
        var out_ = Ledger.OutUntil(time.GetUtcNow());
        if (out_ == state.State.ReportedOutUntil)
        {
            return false;
        }

        state.State.ReportedOutUntil = out_;
        return true;
    }
}
