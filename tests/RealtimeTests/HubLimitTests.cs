using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using OtMz.Api.Contracts;

namespace OtMz.RealtimeTests;

/// <summary>
/// The live Api with a per-user signal bucket of three, refilled hourly: the limiter keeps its own time (no
/// TimeProvider), so the tests count requests within one period and never wait. Logs are captured.
/// </summary>
public sealed class TightSignalLimitApiFactory : LiveApiFactory
{
    public const int Limit = 3;

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:Signals:TokenLimit", Limit.ToString());
        builder.UseSetting("RateLimits:Signals:TokensPerPeriod", "1");
        builder.UseSetting("RateLimits:Signals:ReplenishmentPeriod", "01:00:00");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

public class HubLimitTests(TightSignalLimitApiFactory api) : IClassFixture<TightSignalLimitApiFactory>
{
    private const int Limit = TightSignalLimitApiFactory.Limit;

    private static string NewUser() => $"user-{Guid.NewGuid():N}";

    private static SignalInput Navy(string id) => new(id, SignalType.Colour, null, null, null, Colour.Navy, null, null);

    [Fact]
    public async Task HubAndRestSignalsDrawOnTheSameBucketAndTheHubSaysWhenToRetry()
    {
        var user = NewUser();
        var http = await api.HttpFor(user);
        await using var hub = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
        for (var i = 0; i < Limit - 1; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/v1/users/me/signals", new { id = $"rest-{i}", type = "colour", colour = "red" })).StatusCode);
        }

        var last = await hub.SendSignal(Navy("hub-last-allowed"));
        Assert.Equal(1, last.Accepted);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.SendSignal(Navy("hub-one-too-many")));
        Assert.Contains("Signal refused (429)", refused.Message);
        Assert.Matches(@"retry after [1-9][0-9]* s", refused.Message);

        var rest = await http.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "rest-after", type = "colour", colour = "red" });
        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.True(int.Parse(Assert.Single(rest.Headers.GetValues("Retry-After"))) >= 1);
        Assert.Equal(Limit, (await http.GetFromJsonAsync<UserSummaryView>("/api/v1/users/me"))!.SignalsApplied);
    }

    [Fact]
    public async Task AnotherUserOnTheHubIsNotAffectedAndNeverSeesARefusalUnderTheLimit()
    {
        var flooder = NewUser();
        await using var flooding = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(flooder));
        for (var i = 0; i < Limit; i++)
        {
            await flooding.SendSignal(Navy($"flood-{i}"));
        }

        await Assert.ThrowsAsync<HubException>(() => flooding.SendSignal(Navy("flood-over")));

        await using var calm = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(NewUser()));
        var acks = await Task.WhenAll(Enumerable.Range(0, Limit).Select(i => calm.SendSignal(Navy($"calm-{i}"))));
        Assert.All(acks, a => Assert.Equal(1, a.Accepted));
    }

    [Fact]
    public async Task RefusedHubInputIsLoggedAtInformationWithoutAStackTrace()
    {
        var user = NewUser();
        await using var hub = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));

        var invalid = await Assert.ThrowsAsync<HubException>(() => hub.SendSignal(new SignalInput("no-dwell", SignalType.Dwell, "look-x", null, null, null, null, null)));
        // The refused signal took a token too, as a refused REST request does.
        for (var i = 0; i < Limit - 1; i++)
        {
            await hub.SendSignal(Navy($"fill-{i}"));
        }

        var limited = await Assert.ThrowsAsync<HubException>(() => hub.SendSignal(Navy("over")));

        var refusals = api.Logs.Entries.Where(e => e.Message.Contains($"user {user} refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e =>
        {
            Assert.Equal(LogLevel.Information, e.Level);
            Assert.Null(e.Exception);
        });
        Assert.Contains(refusals, e => e.Message.Contains("dwellMs", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.Message.Contains("(429)", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Entries, e => e.Exception is HubException);
        Assert.DoesNotContain(api.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("SendSignal", StringComparison.Ordinal));
        Assert.Contains("dwellMs", invalid.Message);
        Assert.Contains("429", limited.Message);
    }

    private sealed record UserSummaryView(long SignalsApplied);
}
