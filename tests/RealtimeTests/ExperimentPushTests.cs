using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace OtMz.RealtimeTests;

/// <summary>The live Api for experiments alone: a running experiment changes every user's options.</summary>
public sealed class ExperimentLiveApiFactory : LiveApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Experiments:RefreshPeriod", "00:00:00");
    }
}

/// <summary>A push of looks and a snapshot say which variant produced them, as the REST list does.</summary>
public class ExperimentPushTests(ExperimentLiveApiFactory api) : IClassFixture<ExperimentLiveApiFactory>
{
    [Fact]
    public async Task TheSnapshotAndEveryLooksPushNameTheUsersVariant()
    {
        var admin = await api.HttpFor($"admin-{Guid.NewGuid():N}", "admin");
        var name = $"push-{Guid.NewGuid():N}"[..20];
        var created = await admin.PostAsJsonAsync("/api/v1/experiments", new
        {
            name,
            variants = new[] { new { name = "colourful", share = 1.0, options = new Dictionary<string, double> { ["Ranking:ColourWeight"] = 0.3 } } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        try
        {
            var user = $"user-{Guid.NewGuid():N}";
            await using var client = await HubClient.ConnectAsync(api.BaseAddress, await api.TokenFor(user));
            var snapshot = await client.GetSnapshot();

            var response = await (await api.HttpFor(user)).PostAsJsonAsync("/api/v1/users/me/signals", new { id = "c1", type = "colour", colour = "navy" });
            var ack = (await response.Content.ReadFromJsonAsync<SignalAck>())!;
            await client.WaitFor("LooksUpdated", ack.Version);

            Assert.Equal(new ExperimentArm(name, "colourful"), Assert.Single(snapshot.Looks.Experiments));
            Assert.Equal(new ExperimentArm(name, "colourful"), Assert.Single(client.LastLooks!.Experiments));
        }
        finally
        {
            await admin.PostAsync($"/api/v1/experiments/{name}/stop", null);
        }
    }
}
