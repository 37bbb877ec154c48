using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>
/// Ad campaigns: for admins, create, list, read, change, delete and report; for users, the click on a delivered
/// ad. Every check and every write of a definition happens in the registry grain (<see cref="IAdCampaignRegistryGrain"/>),
/// which alone sees all campaigns; the click goes to the user's grain, which knows what it delivered. This maps
/// their answers to HTTP (<see cref="DomainProblems.Campaign"/>, <see cref="DomainProblems.AdClick"/>).
/// </summary>
public static class AdsApi
{
    public static IEndpointRouteBuilder MapAdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(CampaignView.Path).WithTags("Ads").RequireAuthorization(AuthExtensions.AdminPolicy);
        group.MapPost("/", Create).WithName("CreateCampaign")
            .WithSummary("Creates an ad campaign (admin). title, link, targetStyle and totalBudget are required; the id is made up when not given.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListCampaigns").WithSummary("Every campaign not deleted, oldest first (admin).");
        group.MapGet("/{id}", Get).WithName("GetCampaign").WithSummary("One campaign (admin).")
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id}", Update).WithName("UpdateCampaign")
            .WithSummary("Changes the fields given and keeps the others (admin); the result is checked as a whole, and its revision moves. Connected users' ads follow within a second.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", Delete).WithName("DeleteCampaign")
            .WithSummary("Takes a campaign out of delivery for good (admin); its report stays, its id is never reused.")
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/report", Report).WithName("GetCampaignReport")
            .WithSummary("The campaign's delivery (admin): impressions, clicks, CTR, remaining budget, pacing status and delivery by hour. Deleted campaigns keep theirs.")
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        app.MapPost("/api/v1/ads/{id}/click", Click)
            .RequireAuthorization()
            .WithTags("Ads")
            .WithName("ClickAd")
            .WithSummary("Records the caller's click on an ad delivered to them in the last 7 days, once per clickId: the same clickId again is answered as a duplicate and counts nothing.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static IAdCampaignRegistryGrain Registry(ApiServices api) => api.Grains.GetGrain<IAdCampaignRegistryGrain>(0);

    public static async Task<Results<Created<CampaignView>, ProblemHttpResult>> Create([AsParameters] ApiServices api, CampaignInput? input)
    {
        if (input is null)
        {
            return Problems.Validation("$", "A campaign is required.");
        }

        var result = await Registry(api).Create(input.ToDraft());
        return result.Campaign is { } campaign
            ? TypedResults.Created($"{CampaignView.Path}/{campaign.Id}", CampaignView.Of(campaign))
            : DomainProblems.Campaign(result.Failure, result.Errors);
    }

    public static async Task<Ok<CampaignList>> List([AsParameters] ApiServices api) =>
        TypedResults.Ok(new CampaignList([.. (await Registry(api).List()).Select(CampaignView.Of)]));

    public static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> Get([AsParameters] ApiServices api, string id) =>
        await Registry(api).Get(id) is { } campaign ? TypedResults.Ok(CampaignView.Of(campaign)) : DomainProblems.NoSuchCampaign(id);

    public static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> Update([AsParameters] ApiServices api, string id, CampaignInput? input)
    {
        if (input is null || input.IsEmpty)
        {
            return Problems.Validation("$", "Give at least one field to change.");
        }

        var result = await Registry(api).Update(id, input.ToDraft());
        return result.Campaign is { } campaign ? TypedResults.Ok(CampaignView.Of(campaign)) : DomainProblems.Campaign(result.Failure, result.Errors);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete([AsParameters] ApiServices api, string id)
    {
        var result = await Registry(api).Delete(id);
        return result.Campaign is not null ? TypedResults.NoContent() : DomainProblems.Campaign(result.Failure, result.Errors);
    }

    public static async Task<Results<Ok<CampaignReport>, ProblemHttpResult>> Report([AsParameters] ApiServices api, string id) =>
        await Registry(api).Report(id) is { } report ? TypedResults.Ok(report) : DomainProblems.NoSuchCampaign(id);

    public static async Task<Results<Ok<AdClickView>, ProblemHttpResult>> Click([AsParameters] ApiServices api, ClaimsPrincipal user, string id, AdClickInput? input)
    {
        if (input?.ClickId is not { } clickId || !IdRules.IsValid(clickId))
        {
            return Problems.Validation("clickId", $"A click id has {IdRules.Rule}; make one up per click and send it again on a retry.");
        }

        var outcome = await api.User(user).ClickAd(id, clickId);
        return outcome is AdClickOutcome.Recorded or AdClickOutcome.Duplicate
            ? TypedResults.Ok(new AdClickView(id, clickId, outcome == AdClickOutcome.Duplicate))
            : DomainProblems.AdClick(outcome, id);
    }
}
