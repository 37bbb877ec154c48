using OtMz.Silo.Operations;

namespace OtMz.Silo;

/// <summary>
/// A standalone silo: grains, plus HTTP for health probes and metrics. The embedded run co-hosts the same
/// silo inside the Api instead.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseOrleans(silo => silo
            .UseOtMzClustering(builder.Configuration)
            .AddOtMzGrains(builder.Configuration));
        builder.Services.AddOtMzOperations(builder.Configuration);

        var app = builder.Build();
        app.MapOtMzOperations();
        await app.RunAsync();
    }
}
