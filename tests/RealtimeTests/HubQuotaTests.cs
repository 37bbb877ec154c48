using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Api.Contracts;
using OtMz.Grains.Taste;

namespace OtMz.RealtimeTests;

/// <summary>A signal past the user's daily quota is refused over the hub as over REST, with a message that says so.</summary>
public class HubQuotaTests(LiveApiFactory api) : IClassFixture<LiveApiFactory>
{
    private static SignalInput NavySignal(string id) => new(id, SignalType.Colour, null, null, null, Colour.Navy, null, null);

    [Fact]
    public async Task ANewSignalPastTheDailyQuotaIsRefusedOverTheHubNamingTheQuotaWhileARetryIsAcknowledged()
    {
        var userId = $"user-{Guid.NewGuid():N}";
        // The quota is filled through the grain, past the HTTP door's own rate limits.
        var grain = api.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(userId);
        var quota = new TasteOptions().SignalQuota;
        for (var start = 0; start < quota; start += 100)
        {
            await grain.ApplySignals([.. Enumerable.Range(start, 100).Select(n => new Signal($"fill-{n}", SignalType.Colour, Colour: (Colour)(n % 21)))]);
        }

        await using var hub = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(userId));

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.SendSignal(NavySignal("one-more")));
        var retry = await hub.SendSignal(NavySignal("fill-3"));

        Assert.Contains("Signal refused (429)", refused.Message);
        Assert.Contains("daily signal quota", refused.Message);
        Assert.Contains($"{quota} new signals per 24 hours", refused.Message);
        Assert.Equal(new SignalAck(0, 1, (await grain.GetSummary()).Version), retry);
        Assert.Equal(quota, (await grain.GetSummary()).SignalsApplied);
    }
}
