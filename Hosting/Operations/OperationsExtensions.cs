using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OtMz.Grains;

namespace OtMz.Hosting.Operations;

/// <summary>
/// Health probes and metrics for every OtMz process (silo and Api), in every environment:
/// /health/live (the process answers), /health/startup (the catalog is loaded, or the cluster joined),
/// /health/ready (grain calls round-trip, and the database answers when one is configured), all anonymous and
/// never rate-limited, and /metrics for Prometheus, exposed as <see cref="MetricsExposure"/> decides. Neither host
/// names itself in a Server header.
/// </summary>
public static class OperationsExtensions
{
    private const string Live = "live";
    private const string Ready = "ready";

    public static IServiceCollection AddOtMzOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StartupGate>();
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        var checks = services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), [Live])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [Ready]);
        if (ClusterStorage.ConnectionString(configuration) is { } connectionString)
        {
            checks.AddCheck("postgres", new PostgresHealthCheck(connectionString), tags: [Ready]);
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(OtMzMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapOtMzOperations(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<StartupGate>();
        app.Lifetime.ApplicationStarted.Register(gate.Open);
        app.Lifetime.ApplicationStopping.Register(() => gate.Close("stopping"));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Live) }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous().DisableRateLimiting();
        app.MapGet("/health/startup", (StartupGate gate) => gate.IsOpen
            ? Results.Text("Healthy")
            : Results.Text($"Unhealthy: {gate.Reason}", statusCode: StatusCodes.Status503ServiceUnavailable)).AllowAnonymous().DisableRateLimiting();

        var exposure = MetricsExposure.From(app.Configuration);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OperationsExtensions));
        if (exposure.Port is { } port)
        {
            app.MapPrometheusScrapingEndpoint(MetricsExposure.Path).AllowAnonymous().DisableRateLimiting().AddEndpointFilter(new LocalPortOnly(port));
            logger.LogInformation("Metrics at {Path} on port {Port} only", MetricsExposure.Path, port);
        }
        else if (app.Services.GetService<IAuthenticationSchemeProvider>() is not null)
        {
            app.MapPrometheusScrapingEndpoint(MetricsExposure.Path).RequireAuthorization(MetricsExposure.AdminsOnly).DisableRateLimiting();
        }
        else
        {
            // A host that checks no tokens (the standalone silo) cannot tell an admin: without a port, no metrics.
            logger.LogWarning("Metrics are off: set {Setting} to serve {Path} on a management port", MetricsExposure.PortSetting, MetricsExposure.Path);
        }

        return app;
    }
}
