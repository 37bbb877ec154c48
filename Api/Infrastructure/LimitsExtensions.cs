using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OtMz.Api.Realtime;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// What keeps one client from hurting the others, wired into Program.cs in three calls: body-size limits
/// (<see cref="BodySizeLimit"/>), rate limits (<see cref="RateLimitBuckets"/> through ASP.NET Core's rate limiter
/// and the hub), security headers (<see cref="SecurityHeaders"/>), and quiet logging of refused hub input
/// (<see cref="HubRefusalLog"/>). docs/security.md describes the settings.
/// </summary>
public static class LimitsExtensions
{
    public static IServiceCollection AddOtMzLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BodyLimitsOptions>()
            .Bind(configuration.GetSection(BodyLimitsOptions.Section))
            .Validate(o => o.DefaultMaxBytes >= 1024, "BodyLimits:DefaultMaxBytes must be at least 1024.")
            .ValidateOnStart();
        services.AddOptions<RateLimitsOptions>()
            .Bind(configuration.GetSection(RateLimitsOptions.Section))
            .Validate(o => o.Problem() is null, "Every RateLimits bucket needs a TokenLimit and TokensPerPeriod of at least 1 and a positive ReplenishmentPeriod.")
            .ValidateOnStart();

        // Kestrel's own default (30 MB) is what let anonymous routes take 30 MB bodies; it now matches the default
        // limit, and BodySizeLimit raises it per request for the routes that allow more.
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<BodyLimitsOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.DefaultMaxBytes);

        services.AddSingleton<RateLimitBuckets>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });
        services.AddOptions<RateLimiterOptions>()
            .Configure<RateLimitBuckets>((options, buckets) => options.GlobalLimiter = new RequestRateLimiter(buckets));

        services.Configure<HubOptions>(hub => hub.AddFilter<HubRefusalLog>());
        services.AddLogging(logging => logging.AddFilter(HubRefusalLog.DispatcherCategory, LogLevel.Critical));
        return services;
    }

    /// <summary>First in the pipeline, so that every response, errors included, carries the security headers.</summary>
    public static IApplicationBuilder UseOtMzHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeaders>();

    /// <summary>After authorization: limits are per user, and a request without a valid token is refused before it costs anyone a token.</summary>
    public static IApplicationBuilder UseOtMzLimits(this IApplicationBuilder app) => app.UseMiddleware<BodySizeLimit>().UseRateLimiter();

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = RateLimitBuckets.RetryAfterSeconds(context.Lease);
        http.Response.Headers.RetryAfter = RateLimitBuckets.RetryAfterHeader(context.Lease);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                Title = "Too many requests.",
                Detail = $"Retry after {seconds} s.",
            },
        });
    }
}
