using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>Context from operators: a region's weather, which re-ranks every user in that region.</summary>
public static partial class RegionsApi
{
    public const string RegionRule = "A region is 1 to 64 lower-case letters, digits or '-', such as 'seoul' or 'busan-haeundae'.";

    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/regions/{region}/weather").WithTags("Context");
        group.MapGet("/", GetWeather).WithName("GetRegionWeather").WithSummary("A region's latest weather.").ProducesValidationProblem();
        group.MapPut("/", PutWeather).RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithName("PutRegionWeather").WithSummary("Sets a region's weather (admin); users in the region are re-ranked.")
            .ProducesValidationProblem();
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

        if (input.Condition is { Length: > 64 })
        {
            errors.Add(new FieldError("condition", "condition has at most 64 characters."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var weather = new Weather(input.TemperatureC!.Value, input.PrecipitationMm ?? 0, input.Condition ?? "unknown", input.ObservedAt ?? api.Time.GetUtcNow());
        return TypedResults.Ok(await api.Grains.GetGrain<IRegionGrain>(region.ToLowerInvariant()).SetWeather(weather));
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$")]
    private static partial Regex RegionPattern();
}
