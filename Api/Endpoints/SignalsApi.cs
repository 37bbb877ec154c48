using System.Collections.Immutable;
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
            .AddEndpointFilter(new BodySizeLimit(MaxBodyBytes))
            .WithTags("User")
            .WithName("PostSignals")
            .WithSummary($"One signal, or a batch of up to {SignalRules.MaxBatch} in 'signals'. Applied whole or not at all; repeated ids are acknowledged and ignored.");
        return app;
    }

    public static async Task<Results<Accepted<SignalAck>, ProblemHttpResult>> PostSignals([AsParameters] ApiServices api, ClaimsPrincipal user, SignalInput input)
    {
        var batch = input.Signals is not null;
        var inputs = input.Signals ?? [input];
        if (inputs.Length > SignalRules.MaxBatch)
        {
            return Problems.Validation([new FieldError("signals", $"A batch has at most {SignalRules.MaxBatch} signals; got {inputs.Length}.")],
                StatusCodes.Status413PayloadTooLarge, "The batch is too large.");
        }

        var errors = new List<FieldError>();
        var signals = ImmutableArray.CreateBuilder<Signal>(inputs.Length);
        for (var i = 0; i < inputs.Length; i++)
        {
            var prefix = batch ? $"signals[{i}]." : "";
            if (inputs[i]?.ToSignal() is not { } signal)
            {
                errors.Add(new FieldError(prefix + "type", $"type is one of {string.Join(", ", WireNames.Of<SignalType>())}."));
                continue;
            }

            errors.AddRange(SignalRules.ValidateOne(signal, prefix));
            signals.Add(signal);
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await api.User(user).ApplySignals(signals.MoveToImmutable());
        if (result.Ack is { } ack)
        {
            return TypedResults.Accepted((string?)null, ack);
        }

        var fieldErrors = batch ? result.Errors : [.. result.Errors.Select(e => e with { Field = e.Field.Replace("signals[0].", "", StringComparison.Ordinal) })];
        return Problems.Validation(fieldErrors, result.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
    }
}
