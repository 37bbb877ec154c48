using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;
using OtMz.Grains;

namespace OtMz.Api.Endpoints;

/// <summary>Context from operators: a region's weather, which re-ranks every user in that region.</summary>
public static partial class RegionsApi
{
    public const int MaxConditionLength = 64;

    public const string RegionRule = "A region is 1 to 64 lower-case letters, digits or '-', such as 'seoul' or 'busan-haeundae'.";

    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regions/{region}/weather").WithTags("Context");
        group.MapGet("/", GetWeather).WithName("GetRegionWeather").WithSummary("A region's latest weather.").ProducesValidationProblem();
        group.MapPut("/", PutWeather).RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithName("PutRegionWeather").WithSummary("Sets a region's weather (admin); users in the region are re-ranked. An observation older than the stored one is refused (409).")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static bool IsValidRegion(string region) => RegionPattern().IsMatch(region);

    public static async Task<Results<Ok<RegionWeather>, ProblemHttpResult>> GetWeather([AsParameters] ApiServices api, string region) =>
        IsValidRegion(region)
            ? TypedResults.Ok(await api.Grains.GetGrain<IRegionGrain>(region.ToLowerInvariant()).GetWeather())
            : Problems.Validation("region", RegionRule);

    public static async Task<Results<Ok<RegionWeather>, ProblemHttpResult>> PutWeather([AsParameters] ApiServices api, string region, WeatherInput input)
    {
        var errors = new List<FieldError>();
        if (!IsValidRegion(region))
        {
            errors.Add(new FieldError("region", RegionRule));
        }

        if (input.TemperatureC is not { } t || !float.IsFinite(t) || t is < -60 or > 60)
        {
            errors.Add(new FieldError("temperatureC", "temperatureC is required, between -60 and 60."));
        }

        if (input.PrecipitationMm is { } p && (!float.IsFinite(p) || p is < 0 or > 1000))
        {
            errors.Add(new FieldError("precipitationMm", "precipitationMm is between 0 and 1000."));
        }

        if (input.Condition is { } condition && TextRules.Problem(condition, MaxConditionLength) is { } conditionError)
        {
            errors.Add(new FieldError("condition", $"condition is 1 to {MaxConditionLength} characters of text. {conditionError}"));
        }

        var now = api.Time.GetUtcNow();
        if (input.ObservedAt > now + SignalRules.MaxClockSkew)
        {
            errors.Add(new FieldError("observedAt", $"observedAt cannot be more than {SignalRules.MaxClockSkew.TotalMinutes:0} minutes in the future."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var weather = new Weather(input.TemperatureC!.Value, input.PrecipitationMm ?? 0, input.Condition?.Trim() ?? "unknown", input.ObservedAt ?? now);
        var current = await api.Grains.GetGrain<IRegionGrain>(region.ToLowerInvariant()).SetWeather(weather);
        if (current.Weather != weather)
        {
            // The grain keeps the newest observation; an older one arriving late (a retried or delayed feed) changes nothing.
            return DomainProblems.OlderObservation(current);
        }

        return TypedResults.Ok(current);
    }

    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9-]{0,63}\z")]
    private static partial Regex RegionPattern();
}
