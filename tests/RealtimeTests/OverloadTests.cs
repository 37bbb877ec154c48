using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Api.Contracts;

namespace OtMz.RealtimeTests;

/// <summary>
/// The embedded platform with an overload gate that counts every push as late (a limit of one tick), so the silo
/// says it is behind as soon as a window held enough pushes: what the doors then answer is what a real overload gets.
/// </summary>
public sealed class BehindApiFactory : LiveApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Push:ShedAboveLag", "00:00:00.0000001");
        // Long windows: the gate keeps a verdict for two windows without pushes, so it stays shut while the test looks.
        builder.UseSetting("Push:LagWindow", "00:00:02");
    }
}

/// <summary>While the silo is behind on its pushes, new signals are refused with 503 and Retry-After at every door (look and outfit
/// signals, REST and the hub), and nothing is applied.</summary>
public class OverloadTests(BehindApiFactory api) : IClassFixture<BehindApiFactory>
{
    private static SignalInput ColourSignal(string id, Colour colour) => new(id, SignalType.Colour, null, null, null, colour, null, null);

    [Fact]
    public async Task ASiloBehindOnItsPushesRefusesNewSignalsAtBothDoorsAppliesNothingAndStillAcknowledgesRetries()
    {
        var userId = $"user-{Guid.NewGuid():N}";
        var grain = api.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(userId);
        await using var hub = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(userId));

        // Every push of this user is late by the gate's measure; once a window has ended with enough of them, the hub refuses.
        HubException? refused = null;
        for (var i = 0; i < 500 && refused is null; i++)
        {
            try
            {
                var lastAck = await hub.SendSignal(ColourSignal($"sig-{i}", (Colour)(i % 21)));
                await hub.WaitFor("TasteUpdated", lastAck.Version);
            }
            catch (HubException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Contains("Signal refused (503)", refused.Message);
        Assert.Contains("busy", refused.Message);
        Assert.Contains("after 1 s", refused.Message);

        // The silo's gate refused, and this Api node's door closed on hearing it: the REST doors answer 503 too.
        using var http = await api.HttpFor(userId);
        var rest = await http.PostAsJsonAsync("/api/v1/users/me/signals", ColourSignal("rest-new", Colour.Navy));
        var outfit = await http.PostAsJsonAsync("/api/v1/users/me/closet/outfits/signals", new OutfitSignalInput("outfit-new", SignalType.Like, ["item-a", "item-b"]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, rest.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), rest.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", rest.Content.Headers.ContentType?.MediaType);
        var problem = await rest.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("The platform is busy.", problem?.Title);
        Assert.Equal(503, problem?.Status);
        Assert.Contains("Nothing was applied", problem?.Detail);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, outfit.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), outfit.Headers.RetryAfter?.Delta);

        // Past the door, straight to the grain: its silo's gate closes once a window of its pushes has ended late.
        SignalBatchResult? shed = null;
        for (var i = 0; i < 500 && shed is null; i++)
        {
            var result = await grain.ApplySignals([new Signal($"grain-{i}", SignalType.Colour, Colour: (Colour)(i % 21))]);
            if (result.Ack is { } ack)
            {
                await hub.WaitFor("TasteUpdated", ack.Version);
            }
            else
            {
                shed = result;
            }
        }

        Assert.NotNull(shed);
        Assert.Equal(TimeSpan.FromSeconds(1), shed.ShedRetryAfter);
        Assert.Empty(shed.Errors);
        var before = await grain.GetSummary();

        // The gate refuses only new work: a signal already applied is still acknowledged as a duplicate, and nothing moves.
        var retry = await grain.ApplySignals([new Signal("sig-0", SignalType.Colour, Colour: Colour.Black)]);
        var again = await grain.ApplySignals([new Signal("grain-new", SignalType.Colour, Colour: Colour.Navy)]);
        Assert.Equal(new SignalAck(0, 1, before.Version), retry.Ack);
        Assert.NotNull(again.ShedRetryAfter);

        var after = await grain.GetSummary();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.SignalsApplied, after.SignalsApplied);
    }
}
