using OtMz.Grains.Catalog;
using OtMz.Silo;

namespace OtMz.Api.Hosting;

/// <summary>
/// How the Api reaches grains. "Orleans:Mode" = "cohosted" (the default, the embedded run): this process is
/// also a silo. "client": this process is an Orleans client of the silos whose gateways
/// "Orleans:Gateways" lists (comma-separated localhost ports).
/// </summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddOtMzOrleans(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.Configure<CatalogOptions>(configuration.GetSection("Catalog"));
        var mode = configuration.GetValue("Orleans:Mode", "cohosted");
        if (string.Equals(mode, "client", StringComparison.OrdinalIgnoreCase))
        {
            var gateways = (configuration.GetValue<string>("Orleans:Gateways") ?? "30000")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(int.Parse)
                .ToArray();
            builder.UseOrleansClient(client => client
                .UseLocalhostClustering(gateways,
                    configuration.GetValue("Orleans:ServiceId", "otmz")!,
                    configuration.GetValue("Orleans:ClusterId", "otmz-dev")!)
                .AddMemoryStreams(PushStreams.Provider));
        }
        else if (string.Equals(mode, "cohosted", StringComparison.OrdinalIgnoreCase))
        {
            builder.UseOrleans(silo => silo
                .UseOtMzLocalhostClustering(configuration)
                .AddOtMzGrains(configuration));
        }
        else
        {
            throw new InvalidOperationException($"Orleans:Mode is 'cohosted' or 'client', not '{mode}'.");
        }

        return builder;
    }
}
