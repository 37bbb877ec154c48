using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OtMz.Hosting;

namespace OtMz.ClusterTests;

/// <summary>A silo checks the settings that carry a promise to clients before it starts, not when a grain first reads them.</summary>
public class SiloOptionsTests
{

    [Theory]
    [InlineData("Taste:SignalIdRetention", "12:00:00")]
    [InlineData("Taste:SignalQuota", "10")]
    public async Task ASiloWhoseSignalIdSettingsBreakTheIdempotencyGuaranteeRefusesToStart(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var host = new HostBuilder()
            .UseOrleans(silo => silo
                .UseLocalhostClustering(OtMz.Tests.TestPorts.Next(), OtMz.Tests.TestPorts.Next(), serviceId: "otmz-options", clusterId: $"otmz-options-{Guid.NewGuid():N}")
                .AddOtMzGrains(configuration))
            .Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key, refused.Message);
    }
}
