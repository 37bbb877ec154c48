using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OtMz.Hosting;

namespace OtMz.BenchShared;

/// <summary>
/// A one-silo cluster in the calling process, set up exactly as the platform's hosts set up theirs
/// (<c>UseOtMzClustering</c> and <c>AddOtMzGrains</c> on the given settings) on two free loopback ports. The benchmarks
/// and the evaluation harness both start their silos here, each adding only what it needs on top.
/// </summary>
public static class LocalSilo
{
    public static async Task<IHost> StartAsync(
        HostApplicationBuilderSettings host, IReadOnlyDictionary<string, string?> settings, Action<ISiloBuilder>? configure = null)
    {
        var (siloPort, gatewayPort) = FreePorts();
        var all = new Dictionary<string, string?>(settings)
        {
            ["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        };
        all.TryAdd("Orleans:ClusterId", $"otmz-local-{Guid.NewGuid():N}");

        var builder = Host.CreateApplicationBuilder(host);
        builder.Configuration.AddInMemoryCollection(all);
        builder.UseOrleans(silo =>
        {
            silo.UseOtMzClustering(builder.Configuration).AddOtMzGrains(builder.Configuration);
            configure?.Invoke(silo);
        });
        var built = builder.Build();
        await built.StartAsync();
        return built;
    }

    /// <summary>Two distinct free loopback ports (both held until both are known, so they differ).</summary>
    private static (int Silo, int Gateway) FreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }
}
