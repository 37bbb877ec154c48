using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Ads;

/// <summary>
/// One campaign's ledger as a grain: <see cref="CampaignLedger"/> decides, this persists (storage "ads") before it
/// answers, so a grant survives the silo that made it. One activation in the cluster answers every user grain in
/// turn, which is what makes the count exact. A timer releases expired reservations even when no one asks, and every
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
        var expired = Ledger.Expire(time.GetUtcNow());
        if (expired > 0)
        {
            logger.LogInformation("{CampaignId}: {Count} reservations expired undelivered and were released", CampaignId, expired);
            await CommitAsync();
        }
        else if (OutChanged())
        {
            // A daily budget's new day frees the campaign without any reservation moving.
            await CommitAsync();
        }
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
