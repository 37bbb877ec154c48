using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>
/// Outfits from the caller's own closet: composed for a day and an occasion by the user grain (which pushes them
/// too), completed around given garments, worn and rated. The input is checked here; the closet grain checks again
/// that the items are the caller's.
/// </summary>
public static class OutfitsApi
{
    public const string OutfitsPath = "/api/v1/users/me/closet/outfits";

    /// <summary>Most items one outfit names: a top, bottom, outer, shoes, bag and a few accessories.</summary>
    public const int MaxItems = 8;

    /// <summary>How far back a wear may be reported.</summary>
    public const int MaxDaysBack = 365;

    public static IEndpointRouteBuilder MapOutfitsApi(this IEndpointRouteBuilder app)
    {
        var outfits = app.MapGroup(OutfitsPath).WithTags("Closet").RequireAuthorization();
        outfits.MapPost("/worn", PostWorn).WithName("PostOutfitWorn")
            .WithSummary("\"I wore this\": logs the day on each item of the outfit; idempotent by the report's id.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<WornAck>, ProblemHttpResult>> PostWorn([AsParameters] ApiServices api, ClaimsPrincipal user, WornInput input)
    {
        var errors = new List<FieldError>();
        var today = DateOnly.FromDateTime(api.Time.GetUtcNow().UtcDateTime);
        if (!IdRules.IsValid(input.Id))
        {
            errors.Add(new FieldError("id", $"Give the report an id: {IdRules.Rule}."));
        }

        var itemIds = CheckItemIds(input.ItemIds, errors);
        var day = input.WornOn ?? today;
        if (day > today)
        {
            errors.Add(new FieldError("wornOn", $"{day:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}); report what was worn, not what will be."));
        }
        else if (day < today.AddDays(-MaxDaysBack))
        {
            errors.Add(new FieldError("wornOn", $"A wear is reported at most {MaxDaysBack} days back."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await api.Closet(user).Wear(new OutfitWear(input.Id!, itemIds, day));
        return result.Recorded
            ? TypedResults.Ok(new WornAck(result.Duplicate, result.Version))
            : Problems.Validation(result.Errors, result.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
    }

    /// <summary>Checks the shape of an outfit's item ids; whose they are is the closet grain's to say.</summary>
    internal static ImmutableArray<string> CheckItemIds(string[]? itemIds, List<FieldError> errors)
    {
        if (itemIds is not { Length: > 0 and <= MaxItems })
        {
            errors.Add(new FieldError("itemIds", $"Name 1 to {MaxItems} closet item ids."));
            return [];
        }

        for (var i = 0; i < itemIds.Length; i++)
        {
            if (!IdRules.IsValid(itemIds[i]))
            {
                errors.Add(new FieldError($"itemIds[{i}]", $"Not an item id: {IdRules.Rule}."));
            }
        }

        return [.. itemIds];
    }
}
