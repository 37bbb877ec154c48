using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace OtMz.Hosting;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard): its grains, grain service and profiler live on every silo
/// (<see cref="AddOtMzDashboard(ISiloBuilder, IConfiguration)"/>, from the real hosts' silo set-up), and the Api serves
/// its pages and JSON, co-hosted or as a client of the cluster (<see cref="AddOtMzDashboard(IClientBuilder, IConfiguration)"/>),
/// behind the admin policy (Api/Auth/DashboardSession.cs). Section "Dashboard": <c>Enabled</c> (default true), and
/// the package's own <see cref="DashboardOptions"/> (<c>HideTrace</c>, true here, <c>CounterUpdateIntervalMs</c>,
/// <c>HistoryLength</c>).
/// </summary>
public static class OtMzDashboard
{
    public const string Section = "Dashboard";

    public static bool Enabled(IConfiguration configuration) => configuration.GetValue($"{Section}:Enabled", true);

    /// <summary>A silo's part: without it a client-mode Api's dashboard has no grains to ask (its JSON routes then fail).</summary>
    public static ISiloBuilder AddOtMzDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        Enabled(configuration) ? silo.AddDashboard(o => Bind(o, configuration)) : silo;

    /// <summary>A client-mode Api's part: the dashboard's pages and its client of the silos' dashboard grains.</summary>
    public static IClientBuilder AddOtMzDashboard(this IClientBuilder client, IConfiguration configuration) =>
        Enabled(configuration) ? client.AddDashboard(o => Bind(o, configuration)) : client;

    private static void Bind(DashboardOptions options, IConfiguration configuration)
    {
        // The live log stream sends every log line of the process to the browser for up to an hour; operators have
        // their logs elsewhere, so it is off unless turned on.
        options.HideTrace = true;
        configuration.GetSection(Section).Bind(options);
    }
}
