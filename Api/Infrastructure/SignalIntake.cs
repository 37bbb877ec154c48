using System.Collections.Immutable;
using OtMz.Api.Contracts;
using OtMz.Grains;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// Where a signal enters, whichever door it uses (REST or the hub): the same checks, the same field names,
/// then the user's grain applies the batch whole or not at all.
/// </summary>
public static class SignalIntake
{
    /// <summary>
    /// What became of a submission; <see cref="Quota"/> is set when it was refused for the user's signal quota (429),
    /// <see cref="ShedRetryAfter"/> when the platform was too far behind on its pushes to take it (503).
    /// </summary>
    public sealed record Outcome(SignalAck? Ack, IReadOnlyList<FieldError> Errors, int Status, SignalQuotaExceeded? Quota = null, TimeSpan? ShedRetryAfter = null);

    public const string QuotaTitle = "The daily signal quota is used up.";

    public const string BusyTitle = "The platform is busy.";

    public static long RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    public static string BusyDetail(TimeSpan wait) =>
        $"Recommendations are running behind the signals they were sent, so new signals are refused for now. Nothing was applied; " +
        $"send the same signals again after {RetryAfterSeconds(wait)} s.";

    /// <summary>Whole seconds until room frees up, as Retry-After gives them: rounded up, never zero.</summary>
    public static long RetryAfterSeconds(SignalQuotaExceeded quota) => RetryAfterSeconds(quota.RetryAfter);

    public static string QuotaDetail(SignalQuotaExceeded quota) =>
        $"A user may send {quota.Quota} new signals per {quota.Period.TotalHours:0.##} hours, and this batch does not fit until " +
        $"{RetryAfterSeconds(quota)} s from now. Nothing was applied; signals already sent are still acknowledged as duplicates.";

    /// <summary>The 429 of a signal past the user's quota, with its Retry-After, as both REST doors answer it.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult OverQuota(HttpResponse response, SignalQuotaExceeded quota)
    {
        response.Headers.RetryAfter = RetryAfterSeconds(quota).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: QuotaTitle, detail: QuotaDetail(quota), statusCode: StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The 503 of a signal the overload gate refused, with its Retry-After, as both REST doors answer it.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Busy(HttpResponse response, TimeSpan wait)
    {
        response.Headers.RetryAfter = RetryAfterSeconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: BusyTitle, detail: BusyDetail(wait), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static async Task<Outcome> SubmitAsync(IUserGrain user, SignalInput? input, SignalDoor door, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        if (input is null)
        {
            return new Outcome(null, [new FieldError("$", "A signal, or a batch in 'signals', is required.")], StatusCodes.Status400BadRequest);
        }

        var batch = input.Signals is not null;
        var inputs = input.Signals ?? [input];
        if (inputs.Length > SignalRules.MaxBatch)
        {
            return new Outcome(null, [new FieldError("signals", $"A batch has at most {SignalRules.MaxBatch} signals; got {inputs.Length}.")],
                StatusCodes.Status413PayloadTooLarge);
        }

        var errors = new List<FieldError>();
        var signals = ImmutableArray.CreateBuilder<Signal>(inputs.Length);
        for (var i = 0; i < inputs.Length; i++)
        {
            var prefix = batch ? $"signals[{i}]." : "";
            if (inputs[i] is null)
            {
                errors.Add(new FieldError($"signals[{i}]", "A signal cannot be null."));
                continue;
            }

            if (inputs[i].ToSignal() is not { } signal)
            {
                errors.Add(new FieldError(prefix + "type", $"type is one of {string.Join(", ", WireNames.Of<SignalType>())}."));
                continue;
            }

            errors.AddRange(SignalRules.ValidateOne(signal, prefix, now));
            signals.Add(signal);
        }

        if (batch && inputs.Length == 0)
        {
            errors.Add(new FieldError("signals", "At least one signal is required."));
        }

        if (errors.Count > 0)
        {
            return new Outcome(null, errors, StatusCodes.Status400BadRequest);
        }

        // Through the door after the shape rules, so that a bad signal is named even while the platform is busy.
        var result = await door.PassAsync(signals.Count, () => user.ApplySignals(signals.MoveToImmutable()));
        if (result.Ack is { } ack)
        {
            return new Outcome(ack, [], StatusCodes.Status202Accepted);
        }

        if (result.QuotaExceeded is { } quota)
        {
            return new Outcome(null, [], StatusCodes.Status429TooManyRequests, quota);
        }

        if (result.ShedRetryAfter is { } wait)
        {
            return new Outcome(null, [], StatusCodes.Status503ServiceUnavailable, ShedRetryAfter: wait);
        }

        IReadOnlyList<FieldError> fieldErrors = batch ? result.Errors : [.. result.Errors.Select(e => e with { Field = e.Field.Replace("signals[0].", "", StringComparison.Ordinal) })];
        return new Outcome(null, fieldErrors, result.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
    }
}
