using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Ads;

/// <summary>
/// Each silo's copy of the live campaigns, for its user grains. It asks the registry
/// (<see cref="IAdCampaignRegistryGrain.GetIfNewer"/>) at most once per <see cref="AdsOptions.RefreshPeriod"/>
/// whatever the number of reads, and at once when a user grain has heard of a newer version on the campaigns stream.
/// When the registry cannot be reached the copy stays as it was: ads go on from it rather than fail.
/// </summary>
public sealed class CampaignDirectory(IGrainFactory grains, IOptions<AdsOptions> options, TimeProvider clock, ILogger<CampaignDirectory> logger)
{
    private volatile CampaignCatalog _catalog = CampaignCatalog.Empty;
    private long _fetchedAt = long.MinValue;
    private SingleFlight? _refresh;

    public CampaignCatalog Current => _catalog;

    /// <summary>
    /// The copy, asked anew when it is older than the refresh period or than <paramref name="atLeast"/>. A question
    /// already under way is joined; if it was asked before the news and its answer is still older, one more is asked.
    /// </summary>
    public async ValueTask<CampaignCatalog> GetAsync(long atLeast = 0)
    {
        var period = options.Value.RefreshPeriod;
        if (_fetchedAt == long.MinValue || period <= TimeSpan.Zero || clock.GetElapsedTime(_fetchedAt) >= period)
        {
            await RefreshAsync();
        }

        for (var tries = 0; tries < 2 && atLeast > _catalog.Version; tries++)
        {
            await RefreshAsync();
        }

        return _catalog;
    }

    /// <summary>One question to the registry at a time; reads that find the copy stale meanwhile wait for its answer.</summary>
    private Task RefreshAsync() => LazyInitializer.EnsureInitialized(ref _refresh, () => new SingleFlight(FetchAsync)).RunAsync();

    private async Task FetchAsync()
    {
        var asked = clock.GetTimestamp();
        try
        {
            if (await grains.GetGrain<IAdCampaignRegistryGrain>(0).GetIfNewer(_catalog.Version) is { } newer)
            {
                _catalog = newer;
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Campaigns not refreshed; keeping version {Version} until the next try", _catalog.Version);
        }

        _fetchedAt = asked;
    }
}
