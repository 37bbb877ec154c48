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
        outfits.MapGet("/", GetOutfits).WithName("GetOutfits")
            .WithSummary("Outfits composed from the caller's available closet items for a day's weather and an occasion, best first, each with its reasons.")
            .ProducesValidationProblem();
        outfits.MapPost("/complete", PostComplete).WithName("CompleteOutfit")
            .WithSummary("Suggestions for the slots that closet items or a catalog look's garment leave open: the closet's first, then the catalog's.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        outfits.MapPost("/signals", PostOutfitSignal).WithName("PostOutfitSignal")
            .WithSummary("A like, save or dislike of a composed outfit: moves the taste and the composer's weights; idempotent by id.")
            .RateLimitedAs(RequestClass.Signals)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        outfits.MapPost("/worn", PostWorn).WithName("PostOutfitWorn")
            .WithSummary("\"I wore this\": logs the day on each item of the outfit; idempotent by the report's id.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<OutfitRecommendations>, ProblemHttpResult>> GetOutfits(
        [AsParameters] ApiServices api, ClaimsPrincipal user, int? k, string? occasion, string? date)
    {
        var errors = new List<FieldError>();
        if (k is < 1 or > OutfitQuery.MaxK)
        {
            errors.Add(new FieldError("k", $"k is between 1 and {OutfitQuery.MaxK}."));
        }

        var occasionValue = WireNames.ParseOptional<Occasion>(occasion, "occasion", errors);
        var today = DateOnly.FromDateTime(api.Time.GetUtcNow().UtcDateTime);
        DateOnly? day = null;
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                errors.Add(new FieldError("date", "A day as yyyy-MM-dd."));
            }
            else if (parsed < today || parsed > today.AddDays(OutfitQuery.MaxDaysAhead))
            {
                errors.Add(new FieldError("date", $"Outfits are composed for today ({today:yyyy-MM-dd}) up to {OutfitQuery.MaxDaysAhead} days ahead."));
            }
            else
            {
                day = parsed == today ? null : parsed;
            }
        }

        return errors.Count > 0
            ? Problems.Validation(errors)
            : TypedResults.Ok(await api.User(user).GetOutfits(new OutfitQuery(k ?? OutfitQuery.DefaultK, occasionValue, day)));
    }

    public static async Task<Results<Ok<CompletionResult>, ProblemHttpResult>> PostComplete([AsParameters] ApiServices api, ClaimsPrincipal user, CompleteInput input)
    {
        var errors = new List<FieldError>();
        var itemIds = input.ItemIds is null ? [] : CheckItemIds(input.ItemIds, errors);
        if (input.LookId is not null && !IdRules.IsValid(input.LookId))
        {
            errors.Add(new FieldError("lookId", $"Not a look id: {IdRules.Rule}."));
        }

        if (input.LookId is null && input.GarmentIndex is not null)
        {
            errors.Add(new FieldError("lookId", "A garment index names a garment of a look; give the look too."));
        }

        if (input.ItemIds is null && input.LookId is null)
        {
            errors.Add(new FieldError("$", "Give closet item ids, a catalog look's garment, or both."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await api.User(user).CompleteOutfit(new CompletionQuery(itemIds, input.LookId, input.GarmentIndex, input.Occasion));
        return result.Errors.IsEmpty
            ? TypedResults.Ok(result)
            : Problems.Validation(result.Errors, result.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
    }

    public static async Task<Results<Accepted<SignalAck>, ProblemHttpResult>> PostOutfitSignal([AsParameters] ApiServices api, ClaimsPrincipal user, OutfitSignalInput input, HttpResponse response, SignalDoor door)
    {
        var errors = new List<FieldError>();
        if (!IdRules.IsValid(input.Id))
        {
            errors.Add(new FieldError("id", $"Give the signal an id: {IdRules.Rule}."));
        }

        if (input.Type is not { } type || !OutfitSignal.IsOutfitType(type))
        {
            errors.Add(new FieldError("type", "An outfit signal is like, save or dislike."));
        }

        var itemIds = CheckItemIds(input.ItemIds, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await door.PassAsync(1, () => api.User(user).ApplyOutfitSignal(new OutfitSignal(input.Id!, input.Type!.Value, itemIds)));
        if (result.QuotaExceeded is { } quota)
        {
            return SignalIntake.OverQuota(response, quota);
        }

        if (result.ShedRetryAfter is { } wait)
        {
            return SignalIntake.Busy(response, wait);
        }

        return result.Ack is { } ack
            ? TypedResults.Accepted((string?)null, ack)
            : Problems.Validation(result.Errors, result.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
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
