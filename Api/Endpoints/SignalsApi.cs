using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;
using OtMz.Grains;

namespace OtMz.Api.Endpoints;

/// <summary>Where a signal enters over REST: checked here, then handed to the user's grain whole.</summary>
public static class SignalsApi
{
    public const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/users/me/signals", PostSignals)
            .RequireAuthorization()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RateLimitedAs(RequestClass.Signals)
            .WithTags("User")
            .WithName("PostSignals")
            .WithSummary($"One signal, or a batch of up to {SignalRules.MaxBatch} in 'signals'. Applied whole or not at all; repeated ids are acknowledged and ignored.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Accepted<SignalAck>, ProblemHttpResult>> PostSignals([AsParameters] ApiServices api, ClaimsPrincipal user, SignalInput input, HttpResponse response, SignalDoor door)
    {
        var outcome = await SignalIntake.SubmitAsync(api.User(user), input, door, api.Time);
        if (outcome.Quota is { } quota)
        {
            return SignalIntake.OverQuota(response, quota);
        }

        if (outcome.ShedRetryAfter is { } wait)
        {
            return SignalIntake.Busy(response, wait);
        }

        return outcome.Ack is { } ack
            ? TypedResults.Accepted((string?)null, ack)
            : Problems.Validation(outcome.Errors, outcome.Status, outcome.Status == StatusCodes.Status413PayloadTooLarge ? "The batch is too large." : null);
    }
}
