using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OtMz.ApiTests;

/// <summary>
/// Buckets small enough to empty in a test, and a refill period far longer than any test: the limiter keeps its own
/// time (it takes no TimeProvider), so each test is decided by counting requests within one period, never by waiting.
/// </summary>
public sealed class TightLimitsApiFactory : ApiFactory
{
    public const int Limit = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var bucket in new[] { "Signals", "Writes", "SignIn", "Public" })
        {
            builder.UseSetting($"RateLimits:{bucket}:TokenLimit", Limit.ToString());
            builder.UseSetting($"RateLimits:{bucket}:TokensPerPeriod", "1");
            builder.UseSetting($"RateLimits:{bucket}:ReplenishmentPeriod", "01:00:00");
        }
    }
}

/// <summary>Dev tokens limited per address as tightly as <see cref="TightLimitsApiFactory"/> limits the rest; nothing else changed.</summary>
public sealed class TightDevTokensApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:DevTokens:TokenLimit", TightLimitsApiFactory.Limit.ToString());
        builder.UseSetting("RateLimits:DevTokens:TokensPerPeriod", "1");
        builder.UseSetting("RateLimits:DevTokens:ReplenishmentPeriod", "01:00:00");
    }
}

/// <summary>The Api on real Kestrel sockets, with /metrics on a second, management port.</summary>
public sealed class ManagementPortApiFactory : ApiFactory
{
    public ManagementPortApiFactory()
    {
        UseKestrel();
        StartServer();
    }

    public int MetricsPort { get; } = OtMz.Tests.TestPorts.Next();

    public Uri Api => Addresses.Single(a => a.Port != MetricsPort);

    public Uri Management => Addresses.Single(a => a.Port == MetricsPort);

    private IEnumerable<Uri> Addresses => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Urls", $"http://127.0.0.1:0;http://127.0.0.1:{MetricsPort}");
        builder.UseSetting("Operations:MetricsPort", MetricsPort.ToString());
    }

    public static HttpClient Http(Uri server) => new() { BaseAddress = server };
}

/// <summary>A JSON body sent with its length declared, or chunked with no Content-Length, as a streaming client sends it.</summary>
internal sealed class JsonBody(string json, bool declaresItsLength) : HttpContent
{
    private readonly byte[] _bytes = System.Text.Encoding.UTF8.GetBytes(json);

    public static JsonBody Of(string json, bool declaresItsLength)
    {
        var body = new JsonBody(json, declaresItsLength);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return body;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // In pieces, as a client that streams its body writes it.
        for (var offset = 0; offset < _bytes.Length; offset += 16 * 1024)
        {
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(16 * 1024, _bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _bytes.Length;
        return declaresItsLength;
    }
}
