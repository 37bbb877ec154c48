using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>
/// "More like this" under a look: the caller's user grain asks the catalog shards for the looks nearest to it under the
/// caller's hard filters (design.md, "More like this"). A user route, as the recommendations are: the filters and the
/// taste that breaks near-ties are the caller's.
/// </summary>
public static class SimilarLooksApi
{
    /// <summary>The exclude parameter's description in the OpenAPI document, for both routes that take it.</summary>
    public const string ExcludeDescription =
        "Look ids the client already shows, left out of the list: comma-separated, the parameter repeated, or both; at most 200 different ids.";

    public static IEndpointRouteBuilder MapSimilarLooksApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/looks/{id}/similar", GetSimilar)
            .RequireAuthorization()
            .WithTags("Recommendations")
            .WithName("GetSimilarLooks")
            .WithSummary("The looks nearest to look {id} in style that pass the caller's hard filters, most similar first, each with the styles it shares with that look.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<SimilarLooks>, ProblemHttpResult>> GetSimilar(
        [AsParameters] ApiServices api,
        ClaimsPrincipal user,
        [Description("The look to find more like.")] string id,
        [Description("How many looks: 1 to 50, default 10.")] int? k,
        [Description(ExcludeDescription)] string[]? exclude)
    {
        var errors = new List<FieldError>();
        if (k is < 1 or > SimilarQuery.MaxK)
        {
            errors.Add(new FieldError("k", $"k is between 1 and {SimilarQuery.MaxK}."));
        }

        var excluded = ExcludeRules.Parse(exclude, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return await api.User(user).GetSimilarLooks(new SimilarQuery(id, k ?? SimilarQuery.DefaultK, excluded)) is { } similar
            ? TypedResults.Ok(similar)
            : Problems.Validation("id", $"There is no look '{id}'.", StatusCodes.Status404NotFound);
    }
}
