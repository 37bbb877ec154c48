using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>
/// The signed-in user: profile, cold-start survey and taste. There is deliberately no route that takes a
/// user id: every call acts on the token's subject, so another user's data is unreachable.
/// </summary>
public static class UsersApi
{
    public const int MaxSurveyLooks = 50;

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/users/me").WithTags("User").RequireAuthorization();
        me.MapGet("/", GetMe).WithName("GetMe")
            .WithSummary("The my page: the caller's profile and taste summary, the taste and closet style stats side by side, colours, counts, the closet by slot, colour and availability, and items not worn lately.");
        me.MapDelete("/", EraseMe).WithName("EraseMe").WithSummary("Erases everything the platform holds on the caller.");
        me.MapPut("/profile", PutProfile).WithName("PutProfile").WithSummary("Sets gender, birth year, region and usual occasion.")
            .ProducesValidationProblem();
        me.MapPost("/survey", PostSurvey).WithName("PostSurvey").WithSummary("Seeds a new user's taste from looks and styles they pick.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        me.MapGet("/taste", GetTaste).WithName("GetTaste").WithSummary("The caller's taste vector, favoured styles and colours.");
        return app;
    }

    public static async Task<Ok<MeView>> GetMe([AsParameters] ApiServices api, ClaimsPrincipal user) =>
        TypedResults.Ok(MeView.Of(await api.User(user).GetMyPage()));

    public static async Task<NoContent> EraseMe([AsParameters] ApiServices api, ClaimsPrincipal user)
    {
        await api.User(user).Erase();
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> PutProfile([AsParameters] ApiServices api, ClaimsPrincipal user, ProfileInput input)
    {
        var errors = new List<FieldError>();
        var thisYear = api.Time.GetUtcNow().Year;
        if (input.BirthYear is { } year && (year < thisYear - 120 || year > thisYear - 5))
        {
            errors.Add(new FieldError("birthYear", $"birthYear is between {thisYear - 120} and {thisYear - 5}."));
        }

        if (input.Region is { } region && !RegionsApi.IsValidRegion(region))
        {
            errors.Add(new FieldError("region", RegionsApi.RegionRule));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var grain = api.User(user);
        await grain.UpdateProfile(new UserProfile(input.Gender, input.BirthYear, input.Region?.ToLowerInvariant(), input.Occasion));
        return TypedResults.Ok(await grain.GetSummary());
    }

    public static async Task<Results<Ok<SurveyResult>, ProblemHttpResult>> PostSurvey([AsParameters] ApiServices api, ClaimsPrincipal user, SurveyInput input)
    {
        var looks = input.LikedLookIds ?? [];
        var styles = input.LikedStyles ?? [];
        if (looks.Length + styles.Length == 0)
        {
            return Problems.Validation("likedLookIds", "Pick at least one look or one style.");
        }

        if (looks.Length > MaxSurveyLooks)
        {
            return Problems.Validation("likedLookIds", $"At most {MaxSurveyLooks} looks.");
        }

        if (styles.Length > StyleTaxonomy.Count)
        {
            return Problems.Validation("likedStyles", $"At most {StyleTaxonomy.Count} styles.");
        }

        var errors = new List<FieldError>();
        for (var i = 0; i < looks.Length; i++)
        {
            if (!LookRules.IsValidId(looks[i]))
            {
                errors.Add(new FieldError($"likedLookIds[{i}]", looks[i] is null ? "A look id cannot be null." : LookRules.IdRule));
            }
        }

        // Unknown style names are the grain's to report; a null never reaches it.
        for (var i = 0; i < styles.Length; i++)
        {
            if (styles[i] is null)
            {
                errors.Add(new FieldError($"likedStyles[{i}]", "A style cannot be null."));
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var grain = api.User(user);
        var result = await grain.SubmitSurvey(new SurveyAnswers([.. looks], [.. styles]));
        if (!result.Succeeded)
        {
            return DomainProblems.Command(result);
        }

        return TypedResults.Ok(new SurveyResult(result.Version, await grain.GetTaste()));
    }

    public static async Task<Ok<TasteSnapshot>> GetTaste([AsParameters] ApiServices api, ClaimsPrincipal user) =>
        TypedResults.Ok(await api.User(user).GetTaste());
}
