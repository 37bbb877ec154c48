using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OtMz.Api.Auth;
using OtMz.Hosting;
using OtMz.Hosting.Operations;

namespace OtMz.DeployTests;

/// <summary>
/// What the code makes of a configuration: the same extension methods the Silo and Api hosts call, on a
/// builder fed the configuration a container would see. Hosts are built, never started: nothing listens and
/// nothing connects.
/// </summary>
internal static class CodeUnderTest
{
    public const string Silo = "Silo";
    public const string Api = "Api";

    /// <summary>
    /// The configuration a process in the image sees: its project's appsettings.json (published next to the
    /// dll), the image's ENV, then the container's environment, "__" read as ":" as .NET does.
    /// </summary>
    public static IConfigurationRoot Configuration(string project, IReadOnlyDictionary<string, string> imageEnv, IEnumerable<EnvVar> containerEnv) =>
        new ConfigurationBuilder()
            .AddJsonFile(Repo.PathOf(project, "appsettings.json"), optional: false)
            .AddInMemoryCollection(AsConfiguration(imageEnv))
            .AddInMemoryCollection(AsConfiguration(containerEnv.Where(e => e.Value is not null).ToDictionary(e => e.Name, e => e.Value!)))
            .Build();

    public static IEnumerable<KeyValuePair<string, string?>> AsConfiguration(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment)
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            yield return new(key, value);
            // WebApplication also reads ASPNETCORE_- and DOTNET_-prefixed variables without their prefix.
            foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
            {
                if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    yield return new(key[prefix.Length..], value);
                }
            }
        }
    }

    /// <summary>A standalone silo as Silo/Program.cs builds it (UseOtMzClustering, AddOtMzGrains, operations).</summary>
    public static WebApplication BuildSilo(IConfiguration configuration)
    {
        var builder = EmptyBuilder(configuration);
        builder.UseOrleans(silo => silo
            .UseOtMzClustering(builder.Configuration)
            .AddOtMzGrains(builder.Configuration));
        builder.Services.AddOtMzOperations(builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// The Api's Orleans and auth set-up as Api/Program.cs builds it (AddOtMzOrleans, AddOtMzAuth, operations), in the
    /// environment the configuration names (ASPNETCORE_ENVIRONMENT, read as "environment"), Production by default.
    /// </summary>
    public static WebApplication BuildApi(IConfiguration configuration)
    {
        var builder = EmptyBuilder(configuration, configuration["environment"] ?? "Production");
        builder.AddOtMzOrleans();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOtMzAuth(builder.Configuration);
        builder.Services.AddOtMzOperations(builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// The HTTP routes MapOtMzOperations maps on a host that checks no tokens (the silo) with
    /// <paramref name="configuration"/>: the probes' paths, and the scraper's when a metrics port is set.
    /// </summary>
    public static async Task<IReadOnlySet<string>> OperationsRoutesAsync(IConfiguration? configuration = null)
    {
        var builder = EmptyBuilder(configuration ?? new ConfigurationBuilder().Build());
        builder.Services.AddOtMzOperations(builder.Configuration);
        await using var app = builder.Build();
        app.MapOtMzOperations();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The connection string the code reads, by the code's own rule.</summary>
    public static string? ConnectionString(IConfiguration configuration) => ClusterStorage.ConnectionString(configuration);

    /// <summary>The environment variable that carries it: ConnectionStrings__{ClusterStorage.ConnectionStringName}.</summary>
    public static string ConnectionStringVariable => $"ConnectionStrings__{ClusterStorage.ConnectionStringName}";

    public static string AssemblyName(string project) => project switch
    {
        Silo => typeof(OtMz.Silo.Schema.SchemaMigrator).Assembly.GetName().Name!,
        Api => typeof(AuthOptions).Assembly.GetName().Name!,
        _ => throw new ArgumentOutOfRangeException(nameof(project)),
    };

    private static WebApplicationBuilder EmptyBuilder(IConfiguration configuration, string environment = "Production")
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddConfiguration(configuration);
        // A server, as the real hosts have; it is never started.
        builder.WebHost.UseKestrelCore();
        builder.Services.AddLogging();
        builder.Services.AddRouting();
        return builder;
    }
}
