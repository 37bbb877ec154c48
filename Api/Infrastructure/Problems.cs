using Microsoft.AspNetCore.Http.HttpResults;

namespace OtMz.Api.Infrastructure;

/// <summary>Problem Details (RFC 9457) for field errors, keyed by field as api.md promises.</summary>
public static class Problems
{
    public static ProblemHttpResult Validation(IEnumerable<FieldError> errors, int status = StatusCodes.Status400BadRequest, string? title = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = status,
            Title = title ?? (status == StatusCodes.Status404NotFound ? "Something the request names does not exist." : "One or more validation errors occurred."),
        });

    public static ProblemHttpResult Validation(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Validation([new FieldError(field, message)], status);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
