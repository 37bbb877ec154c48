using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OtMz.Api.Realtime;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// The line a person starting the Api waits for: once the silo (or the cluster client) and the web server are up,
/// where the REST API, its interactive docs and the real-time hub answer, at the addresses actually bound.
/// </summary>
public static class ReadyBanner
{
    public const string Prefix = "OtMz Api ready";

    public static WebApplication LogWhereItListens(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OtMz.Api");
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses.Select(Browsable))
            {
                logger.LogInformation("{Prefix}: REST {Rest}, API docs {Docs}, hub {Hub}", Prefix, $"{address}/api/v1", $"{address}/docs", $"{address}{StyleHub.Path}");
            }
        });
        return app;
    }

    /// <summary>A wildcard binding ("http://[::]:8080", "http://+:8080") is shown as localhost, which a browser on the machine can open.</summary>
    private static string Browsable(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "[::]" or "::" or "0.0.0.0")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
