using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>
/// A/B experiments, for admins: define, list, read, stop and report. Every check and every write happens in the
/// registry grain (<see cref="IExperimentRegistryGrain"/>), which alone sees all experiments; this maps its answers
/// to HTTP (<see cref="DomainProblems.Experiment"/>).
/// </summary>
public static class ExperimentsApi
{
    public static IEndpointRouteBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ExperimentView.Path).WithTags("Experiments").RequireAuthorization(AuthExtensions.AdminPolicy);
        group.MapPost("/", Define).WithName("DefineExperiment")
            .WithSummary("Defines an A/B experiment (admin): variants that override ranking and taste options for a share of users each, from startsAt (default now) to stopsAt (default until stopped).")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListExperiments").WithSummary("Every experiment defined, oldest first, with its status (admin).");
        group.MapGet("/{name}", Get).WithName("GetExperiment").WithSummary("One experiment (admin).")
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{name}/stop", Stop).WithName("StopExperiment")
            .WithSummary("Stops an experiment now (admin): its users get the default options from their next read. Stopping a stopped one changes nothing.")
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{name}/report", Report).WithName("GetExperimentReport")
            .WithSummary("The experiment's online metrics per variant with 95 % intervals, and each variant's difference from the baseline (admin). Query: baseline (a variant; default the first).")
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IExperimentRegistryGrain Registry(ApiServices api) => api.Grains.GetGrain<IExperimentRegistryGrain>(0);

    public static async Task<Results<Created<ExperimentView>, ProblemHttpResult>> Define([AsParameters] ApiServices api, ExperimentInput? input)
    {
        if (input is null)
        {
            return Problems.Validation("$", "An experiment is required.");
        }

        var result = await Registry(api).Define(input.ToDraft());
        return result.Experiment is { } experiment
            ? TypedResults.Created($"{ExperimentView.Path}/{experiment.Name}", ExperimentView.Of(experiment, api.Time.GetUtcNow()))
            : DomainProblems.Experiment(result.Failure, result.Errors);
    }

    public static async Task<Ok<ExperimentList>> List([AsParameters] ApiServices api)
    {
        var now = api.Time.GetUtcNow();
        return TypedResults.Ok(new ExperimentList([.. (await Registry(api).List()).Select(e => ExperimentView.Of(e, now))]));
    }

    public static async Task<Results<Ok<ExperimentView>, ProblemHttpResult>> Get([AsParameters] ApiServices api, string name) =>
        await Registry(api).Get(name) is { } experiment
            ? TypedResults.Ok(ExperimentView.Of(experiment, api.Time.GetUtcNow()))
            : DomainProblems.NoSuchExperiment(name);

    public static async Task<Results<Ok<ExperimentView>, ProblemHttpResult>> Stop([AsParameters] ApiServices api, string name)
    {
        var result = await Registry(api).Stop(name);
        return result.Experiment is { } experiment
            ? TypedResults.Ok(ExperimentView.Of(experiment, api.Time.GetUtcNow()))
            : DomainProblems.Experiment(result.Failure, result.Errors);
    }

    public static async Task<Results<Ok<ExperimentReport>, ProblemHttpResult>> Report([AsParameters] ApiServices api, string name, string? baseline)
    {
        var result = await Registry(api).Report(name, baseline);
        return result.Report is { } report ? TypedResults.Ok(report) : DomainProblems.Experiment(result.Failure, result.Errors);
    }
}
