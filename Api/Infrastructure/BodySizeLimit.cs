namespace OtMz.Api.Infrastructure;

/// <summary>
/// Refuses a declared body larger than the route allows with 413 before the handler runs. Kestrel's own
/// limit (set through the same route metadata) still guards chunked bodies that declare no length.
/// </summary>
public sealed class BodySizeLimit(long maxBytes) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.ContentLength > maxBytes
            ? ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "The request body is too large.",
                detail: $"At most {maxBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge))
            : next(context);
}
