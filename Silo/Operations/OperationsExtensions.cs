using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OtMz.Grains;

namespace OtMz.Silo.Operations;

/// <summary>
/// Health probes and metrics for every OtMz process (silo and Api), in every environment:
/// /health/live (the process answers), /health/startup (the catalog is loaded, or the cluster joined),
/// /health/ready (grain calls round-trip, and the database answers when one is configured), and
/// /metrics for Prometheus.
/// </summary>
public static class OperationsExtensions
{
    private const string Live = "live";
    private const string Ready = "ready";

    public static IServiceCollection AddOtMzOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StartupGate>();
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
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Live) }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        app.MapGet("/health/startup", (StartupGate gate) => gate.IsOpen
            ? Results.Text("Healthy")
            : Results.Text($"Unhealthy: {gate.Reason}", statusCode: StatusCodes.Status503ServiceUnavailable)).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
