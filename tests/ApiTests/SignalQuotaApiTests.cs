using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Grains.Taste;

namespace OtMz.ApiTests;

/// <summary>
/// A user who has sent the daily signal quota is refused new signals with a 429 that says when to come back, rather
/// than having the signal ids that make retries safe forgotten early; retries of what they sent are still acknowledged.
/// </summary>
public class SignalQuotaApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>
    /// Sends the quota straight to the user's grain: the HTTP door has rate limits of its own, which are not what
    /// this test is about.
    /// </summary>
    private async Task<IUserGrain> UserAtQuotaAsync(string userId)
    {
        var grain = api.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(userId);
        var quota = new TasteOptions().SignalQuota;
        for (var start = 0; start < quota; start += 100)
        {
            var result = await grain.ApplySignals([.. Enumerable.Range(start, 100).Select(n => new Signal($"fill-{n}", SignalType.Colour, Colour: (Colour)(n % 21)))]);
            Assert.Equal(100, result.Ack!.Accepted);
        }

        return grain;
    }

    [Fact]
    public async Task ANewSignalPastTheDailyQuotaGets429WithRetryAfterAndChangesNothing()
    {
        var userId = $"user-{Guid.NewGuid():N}";
        var grain = await UserAtQuotaAsync(userId);
        var before = await grain.GetSummary();
        var http = await api.ClientFor(userId);

        var response = await http.PostAsJsonAsync("/api/v1/users/me/signals", new
        {
            signals = new object[]
            {
                new { id = "fill-3", type = "colour", colour = "navy" },
                new { id = "one-more", type = "colour", colour = "navy" },
            },
        });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // The ids just sent are forgotten a day after the minute they arrived in ended.
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromHours(23), TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("daily signal quota", problem.GetProperty("title").GetString());
        Assert.Contains($"{new TasteOptions().SignalQuota} new signals per 24 hours", problem.GetProperty("detail").GetString());
        var after = await grain.GetSummary();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.SignalsApplied, after.SignalsApplied);
    }

    [Fact]
    public async Task ARetryOfSignalsAlreadySentIsStillAcknowledgedAtTheQuota()
    {
        var userId = $"user-{Guid.NewGuid():N}";
        await UserAtQuotaAsync(userId);
        var http = await api.ClientFor(userId);

        var response = await http.PostAsJsonAsync("/api/v1/users/me/signals", new { id = "fill-3", type = "colour", colour = "navy" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ack = await response.Content.ReadFromJsonAsync<SignalAck>();
        Assert.Equal(0, ack!.Accepted);
        Assert.Equal(1, ack.Duplicates);
    }
}
