using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

public static class RecommendationsApi
{
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/users/me/recommendations/looks", GetLooks)
            .RequireAuthorization()
            .WithTags("Recommendations")
            .WithName("GetRecommendedLooks")
            .WithSummary("The caller's ranked looks, each with its reasons, leaving out the looks given in exclude. Served from the user's cache unless something changed.")
            .ProducesValidationProblem();
        app.MapGet("/api/v1/users/me/recommendations/ads", GetAds)
            .RequireAuthorization()
            .WithTags("Recommendations")
            .WithName("GetRecommendedAds")
            .WithSummary("Ad banners for the caller, ranked by how their target style fits the caller's taste.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<LookRecommendations>, ProblemHttpResult>> GetLooks(
        [AsParameters] ApiServices api, ClaimsPrincipal user, int? k, string? occasion, [Description(SimilarLooksApi.ExcludeDescription)] string[]? exclude)
    {
        var errors = new List<FieldError>();
        if (k is < 1 or > RecommendationQuery.MaxK)
        {
            errors.Add(new FieldError("k", $"k is between 1 and {RecommendationQuery.MaxK}."));
        }

        var occasionValue = WireNames.ParseOptional<Occasion>(occasion, "occasion", errors);
        var excluded = ExcludeRules.Parse(exclude, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await api.User(user).GetRecommendations(new RecommendationQuery(k ?? RecommendationQuery.DefaultK, occasionValue, excluded)));
    }

    public static async Task<Results<Ok<AdRecommendations>, ProblemHttpResult>> GetAds([AsParameters] ApiServices api, ClaimsPrincipal user, int? k) =>
        k is < 1 or > AdRecommendations.MaxK
            ? Problems.Validation("k", $"k is between 1 and {AdRecommendations.MaxK}.")
            : TypedResults.Ok(await api.User(user).GetAds(k ?? AdRecommendations.DefaultK));
}
