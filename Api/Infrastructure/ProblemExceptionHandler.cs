using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// Turns what escapes an endpoint into Problem Details: unreadable bodies become 400 naming the JSON field (or
/// the whole body for broken multipart framing),
/// oversized ones 413, a silo that cannot be reached 503, and anything else a 500 that leaks nothing.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
            },
            BadHttpRequestException { InnerException: JsonException json } => new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [FieldOf(json.Path)] = [ReadableJsonError(json)],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read.",
            },
            InvalidDataException unreadable => new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["$"] = [unreadable.Message],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The multipart body could not be read.",
            },
            BadHttpRequestException bad when UnboundParameter(bad.Message) is { } parameter => new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [parameter.Name] = [$"'{parameter.Value}' is not a valid {parameter.Type}."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "A parameter could not be read.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.Message,
            },
            OrleansException or TimeoutException => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The platform is busy or restarting; retry with the same signal ids.",
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
        }
        else
        {
            logger.LogDebug(exception, "{Method} {Path} answered {Status}", context.Request.Method, context.Request.Path, problem.Status);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The parameter named in the framework's binding failure ('Failed to bind parameter "int? limit" from "many".'),
    /// so the answer names the field like every other refusal; null for any other message.
    /// </summary>
    internal static (string Name, string Type, string Value)? UnboundParameter(string message) =>
        UnboundPattern().Match(message) is { Success: true } match
            ? (match.Groups["name"].Value, TypeName(match.Groups["type"].Value.TrimEnd('?')), match.Groups["value"].Value)
            : null;

    private static string TypeName(string type) => type switch
    {
        "int" or "long" or "Int32" or "Int64" => "whole number",
        "float" or "double" or "Single" or "Double" => "number",
        "bool" or "Boolean" => "true or false",
        _ => type,
    };

    [GeneratedRegex("""\AFailed to bind parameter "(?<type>[^" ]+) (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.\z""", RegexOptions.Singleline)]
    private static partial Regex UnboundPattern();

    /// <summary>"$.signals[0].type" becomes "signals[0].type"; the body itself is "$".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string ReadableJsonError(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
