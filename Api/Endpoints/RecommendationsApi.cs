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
            .WithSummary("The caller's ranked looks, each with its reasons. Served from the user's cache unless something changed.");
        return app;
    }

    public static async Task<Results<Ok<LookRecommendations>, ProblemHttpResult>> GetLooks([AsParameters] ApiServices api, ClaimsPrincipal user, int? k, string? occasion)
    {
        var errors = new List<FieldError>();
        if (k is < 1 or > RecommendationQuery.MaxK)
        {
            errors.Add(new FieldError("k", $"k is between 1 and {RecommendationQuery.MaxK}."));
        }

        Occasion? occasionValue = null;
        if (occasion is not null)
        {
            if (WireNames.TryParse<Occasion>(occasion, out var parsed))
            {
                occasionValue = parsed;
            }
            else
            {
                errors.Add(new FieldError("occasion", $"Unknown occasion '{occasion}'; one of {string.Join(", ", WireNames.Of<Occasion>())}."));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await api.User(user).GetRecommendations(new RecommendationQuery(k ?? RecommendationQuery.DefaultK, occasionValue)));
    }
}
