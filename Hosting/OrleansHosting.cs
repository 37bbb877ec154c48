using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace OtMz.Hosting;

/// <summary>
/// How the Api reaches grains. "Orleans:Mode" = "cohosted" (the default, the embedded run): this process is
/// also a silo. "client": this process is an Orleans client of a cluster, found through the ADO.NET
/// membership table when a PostgreSQL connection string is set, else at the localhost gateway ports that
/// "Orleans:Gateways" lists (comma-separated).
/// </summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddOtMzOrleans(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = configuration.GetValue("Orleans:Mode", "cohosted");
        if (string.Equals(mode, "client", StringComparison.OrdinalIgnoreCase))
        {
            var gateways = (configuration.GetValue<string>("Orleans:Gateways") ?? "30000")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(int.Parse)
                .ToArray();
            builder.UseOrleansClient(client =>
            {
                var serviceId = configuration.GetValue("Orleans:ServiceId", "otmz")!;
                var clusterId = configuration.GetValue("Orleans:ClusterId", "otmz-dev")!;
                if (ClusterStorage.ConnectionString(configuration) is { } connectionString)
                {
                    client.UseAdoNetClustering(o =>
                    {
                        o.Invariant = ClusterStorage.Invariant;
                        o.ConnectionString = connectionString;
                    });
                    client.Configure<ClusterOptions>(o =>
                    {
                        o.ServiceId = serviceId;
                        o.ClusterId = clusterId;
                    });
                }
                else
                {
                    client.UseLocalhostClustering(gateways, serviceId, clusterId);
                }

                client.AddMemoryStreams(PushStreams.Provider);
                client.AddOtMzDashboard(configuration);
            });
        }
        else if (string.Equals(mode, "cohosted", StringComparison.OrdinalIgnoreCase))
        {
            builder.UseOrleans(silo => silo
                .UseOtMzClustering(configuration)
                .AddOtMzGrains(configuration)
                .AddOtMzDashboard(configuration));
        }
        else
        {
            throw new InvalidOperationException($"Orleans:Mode is 'cohosted' or 'client', not '{mode}'.");
        }

        return builder;
    }
}
