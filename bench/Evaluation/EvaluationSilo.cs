using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OtMz.Grains;
using OtMz.BenchShared;

namespace OtMz.Evaluation;

/// <summary>
/// The one place the harness depends on how a silo is set up: an Orleans silo in this process, configured as the
/// platform's hosts configure theirs (localhost clustering, in-memory storage because no connection string is
/// given, the seeded demo catalog), with the grains' clock replaced by a fake one that stands still in the chosen
/// season, so that nothing in a run depends on the wall clock. Configuration overrides ("Taste:PriorCorrection=0")
/// reach the grains' options as the platform's configuration would.
/// </summary>
public static class EvaluationSilo
{
    public static Task<IHost> StartAsync(int demoLooks, int catalogSeed, FakeTimeProvider clock, IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Catalog:DemoLooks"] = demoLooks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Catalog:DemoSeed"] = catalogSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = $"otmz-eval-{Guid.NewGuid():N}",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        // No default sources: an environment variable such as a connection string must not turn the run into a
        // cluster run on someone's database, and the silo's logs would drown the table.
        return LocalSilo.StartAsync(new HostApplicationBuilderSettings { DisableDefaults = true }, settings,
            silo => silo.Services.AddKeyedSingleton<TimeProvider>(GrainClock.Key, clock));
    }

    public static IGrainFactory Grains(IHost host) => host.Services.GetRequiredService<IGrainFactory>();
}
