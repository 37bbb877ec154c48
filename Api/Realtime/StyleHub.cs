using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Realtime;

/// <summary>
/// The real-time door (/hubs/style). Each connection joins its user's group; <see cref="PushRelay"/> sends the
/// <see cref="IStyleClient"/> events (TasteUpdated, LooksUpdated, AdsUpdated, ClosetUpdated) to that group as the
/// user's grain publishes them. Clients send
/// signals here exactly as over REST, drawing on the same per-user rate limit (<see cref="RateLimitBuckets"/>), and
/// ask for a snapshot after a reconnect or a version gap.
/// </summary>
[Authorize]
public sealed class StyleHub(PushRelay relay, IGrainFactory grains, RateLimitBuckets limits, SignalDoor door) : Hub<IStyleClient>
{
    public const string Path = "/hubs/style";

    public static string GroupOf(string userId) => $"user:{userId}";

    private string UserId => Context.User!.UserId();

    /// <summary>The user's grain, resolved once per connection: GetGrain looks the interface's grain type up on every call.</summary>
    private IUserGrain User
    {
        get
        {
            if (Context.Items.TryGetValue(typeof(IUserGrain), out var known) && known is IUserGrain grain)
            {
                return grain;
            }

            grain = grains.GetGrain<IUserGrain>(UserId);
            Context.Items[typeof(IUserGrain)] = grain;
            return grain;
        }
    }

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(UserId));
        await relay.ConnectedAsync(UserId);
    }

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectedAsync(UserId);

    /// <summary>
    /// Applies one signal or a batch; errors come back as a hub error naming the fields, as REST names them, and a
    /// user over the signal limit gets "Signal refused (429)" with the seconds to wait, as REST sends Retry-After.
    /// </summary>
    public async Task<SignalAck> SendSignal(SignalInput signal)
    {
        using (var lease = limits.AttemptAcquire(RequestClass.Signals, RequestClasses.UserKey(UserId)))
        {
            if (!lease.IsAcquired)
            {
                throw new HubException($"Signal refused ({StatusCodes.Status429TooManyRequests}): too many signals; retry after {RateLimitBuckets.RetryAfterSeconds(lease)} s.");
            }
        }

        var outcome = await SignalIntake.SubmitAsync(User, signal, door);
        return outcome.Ack ?? throw new HubException(outcome switch
        {
            { Quota: { } quota } => $"Signal refused ({outcome.Status}): {SignalIntake.QuotaTitle} {SignalIntake.QuotaDetail(quota)}",
            { ShedRetryAfter: { } wait } => $"Signal refused ({outcome.Status}): {SignalIntake.BusyTitle} {SignalIntake.BusyDetail(wait)}",
            _ => $"Signal refused ({outcome.Status}): " + string.Join("; ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}")),
        });
    }

    public Task<UserSnapshot> GetSnapshot() => User.GetSnapshot();
}
