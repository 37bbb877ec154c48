using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;
using OtMz.Grains;

namespace OtMz.Api.Realtime;

/// <summary>
/// Where a push leaves for the devices. One per Api node: it subscribes to a user's Orleans stream when the
/// user's first connection arrives on this node and unsubscribes when the last one leaves, and forwards each
/// update to the user's SignalR group. It also watches the regions of the users connected here, so that a
/// weather change re-ranks exactly those users, and the campaigns stream, so that a campaign paused, edited, deleted
/// or out of budget leaves the banners of the users connected here without a signal from them. Works the same
/// whether the node co-hosts the silo or is a client of a remote cluster.
/// </summary>
public sealed class PushRelay(IClusterClient cluster, IHubContext<StyleHub, IStyleClient> hub, ILogger<PushRelay> logger)
{
    private readonly ConcurrentDictionary<string, UserEntry> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RegionEntry> _regions = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _campaignsGate = new(1, 1);
    private StreamSubscriptionHandle<CampaignsChanged>? _campaigns;

    private IStreamProvider Streams => cluster.GetStreamProvider(PushStreams.Provider);

    /// <summary>Users with at least one connection on this node, each holding one stream subscription.</summary>
    public int SubscribedUsers => _users.Count;

    /// <summary>Regions watched because a user connected here lives there.</summary>
    public int WatchedRegions => _regions.Count;

    public bool IsSubscribed(string userId) => _users.ContainsKey(userId);

    public bool IsWatching(string region) => _regions.ContainsKey(region);

    /// <summary>Raised after a connect or disconnect has settled its subscriptions; lets tests await instead of sleep.</summary>
    public event Action? SubscriptionsChanged;

    public async Task ConnectedAsync(string userId)
    {
        while (true)
        {
            var entry = _users.GetOrAdd(userId, _ => new UserEntry());
            await entry.Gate.WaitAsync();
            try
            {
                if (entry.Removed)
                {
                    continue;
                }

                if (entry.Connections++ == 0)
                {
                    await WatchCampaignsAsync();
                    var grain = cluster.GetGrain<IUserGrain>(userId);
                    var stream = Streams.GetStream<UserUpdate>(StreamId.Create(PushStreams.Users, await grain.GetPushKey()));
                    entry.Subscription = await stream.SubscribeAsync((update, _) => ForwardAsync(userId, update));
                    var profile = (await grain.GetSummary()).Profile;
                    await MoveRegionAsync(userId, entry, profile.Region);
                    logger.LogDebug("{UserId} subscribed on this node", userId);
                }

                SubscriptionsChanged?.Invoke();
                return;
            }
            finally
            {
                entry.Gate.Release();
            }
        }
    }

    public async Task DisconnectedAsync(string userId)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return;
        }

        await entry.Gate.WaitAsync();
        try
        {
            if (entry.Removed || --entry.Connections > 0)
            {
                return;
            }

            // Leave the table last: while the entry is there (and marked removed), IsSubscribed stays true until the
            // stream and region subscriptions are really gone, and a new first connection waits for the gate.
            entry.Removed = true;
            await MoveRegionAsync(userId, entry, null);
            if (entry.Subscription is { } subscription)
            {
                await subscription.UnsubscribeAsync();
            }

            _users.TryRemove(userId, out _);

            logger.LogDebug("{UserId} unsubscribed on this node", userId);
        }
        finally
        {
            entry.Gate.Release();
            SubscriptionsChanged?.Invoke();
        }
    }

    /// <summary>
    /// One stream event carries a whole push: each part goes to the group as its own hub event, in the order the
    /// grain put them (taste, looks, ads, closet), without this relay knowing the kinds. The payloads are the JSON the
    /// grain wrote once (<see cref="PushJson"/>) and go into the hub messages as they are, which is why the hub speaks
    /// only SignalR's JSON protocol with its default options.
    /// </summary>
    private async Task ForwardAsync(string userId, UserUpdate update)
    {
        if (update.Parts.Length > 0)
        {
            var group = hub.Clients.Group(StyleHub.GroupOf(userId));
            foreach (var part in update.Parts)
            {
                await part.SendTo(group);
            }

            OtMzMetrics.PushDuration.Record((DateTimeOffset.UtcNow - update.PublishedAt).TotalMilliseconds);
        }

        if (update.MovesRegion && _users.TryGetValue(userId, out var entry))
        {
            await entry.Gate.WaitAsync();
            try
            {
                if (!entry.Removed)
                {
                    await MoveRegionAsync(userId, entry, update.Region);
                }
            }
            finally
            {
                entry.Gate.Release();
            }
        }
    }

    /// <summary>Moves a user from one watched region to another; called under the user's gate.</summary>
    private async Task MoveRegionAsync(string userId, UserEntry entry, string? region)
    {
        if (entry.Region == region)
        {
            return;
        }

        if (entry.Region is { } old)
        {
            await LeaveRegionAsync(old, userId);
        }

        entry.Region = region;
        if (region is not null)
        {
            await JoinRegionAsync(region, userId);
        }
    }

    private async Task JoinRegionAsync(string region, string userId)
    {
        while (true)
        {
            var entry = _regions.GetOrAdd(region, _ => new RegionEntry());
            await entry.Gate.WaitAsync();
            try
            {
                if (entry.Removed)
                {
                    continue;
                }

                if (entry.Users.IsEmpty)
                {
                    var stream = Streams.GetStream<RegionWeather>(StreamId.Create(PushStreams.Regions, region));
                    entry.Subscription = await stream.SubscribeAsync((weather, _) => RefreshRegionAsync(entry, weather));
                }

                entry.Users[userId] = 0;
                return;
            }
            finally
            {
                entry.Gate.Release();
            }
        }
    }

    private async Task LeaveRegionAsync(string region, string userId)
    {
        if (!_regions.TryGetValue(region, out var entry))
        {
            return;
        }

        await entry.Gate.WaitAsync();
        try
        {
            if (!entry.Users.TryRemove(userId, out _) || !entry.Users.IsEmpty)
            {
                return;
            }

            entry.Removed = true;
            _regions.TryRemove(region, out _);
            if (entry.Subscription is { } subscription)
            {
                await subscription.UnsubscribeAsync();
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Subscribes to the campaigns stream once, with the node's first connection.</summary>
    private async Task WatchCampaignsAsync()
    {
        if (_campaigns is not null)
        {
            return;
        }

        await _campaignsGate.WaitAsync();
        try
        {
            _campaigns ??= await Streams.GetStream<CampaignsChanged>(StreamId.Create(PushStreams.Campaigns, PushStreams.CampaignsKey))
                .SubscribeAsync((change, _) => RefreshAdsAsync(change));
        }
        finally
        {
            _campaignsGate.Release();
        }
    }

    /// <summary>
    /// A campaign changed: every user connected here re-ranks their ads (a one-way call each, so this returns at once),
    /// and those whose slate changes get AdsUpdated.
    /// </summary>
    private Task RefreshAdsAsync(CampaignsChanged change)
    {
        logger.LogDebug("Campaign {CampaignId} changed (version {Version}): refreshing {UserCount} connected users' ads", change.CampaignId, change.Version, _users.Count);
        return Task.WhenAll(_users.Keys.Select(userId => cluster.GetGrain<IUserGrain>(userId).RefreshAds(change.Version)));
    }

    /// <summary>The weather changed: every user of the region connected here re-ranks (and pushes if that changes anything).</summary>
    private Task RefreshRegionAsync(RegionEntry entry, RegionWeather weather)
    {
        logger.LogInformation("{Region} weather at version {Version}: refreshing {UserCount} connected users", weather.Region, weather.Version, entry.Users.Count);
        return Task.WhenAll(entry.Users.Keys.Select(userId => cluster.GetGrain<IUserGrain>(userId).Refresh()));
    }

    private sealed class UserEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Connections { get; set; }

        public bool Removed { get; set; }

        public string? Region { get; set; }

        public StreamSubscriptionHandle<UserUpdate>? Subscription { get; set; }
    }

    private sealed class RegionEntry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ConcurrentDictionary<string, byte> Users { get; } = new(StringComparer.Ordinal);

        public bool Removed { get; set; }

        public StreamSubscriptionHandle<RegionWeather>? Subscription { get; set; }
    }
}
