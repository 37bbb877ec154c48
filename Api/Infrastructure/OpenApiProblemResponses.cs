using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// The refusals every route can give whatever its handler does, added to each operation of the OpenAPI document
/// as Problem Details: 400 for an unreadable body or an ill-typed parameter (the exception handler's answer),
/// 401 and 403 from the route's authorization metadata, 413 and 415 wherever a body is accepted, and 429 from
/// the rate limiter. A response the route already declares with ProducesProblem is left as the route says, so
/// the route's own, more specific answers (404, 409, 422, field errors) live with its Map call.
/// </summary>
public static class OpenApiProblemResponses
{
    public const string ContentType = "application/problem+json";

    public static bool RequiresAuthentication(ApiDescription description)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        return metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
    }

    /// <summary>A policy or a role beyond "signed in" (the admin routes): a signed-in caller without it gets 403.</summary>
    public static bool RequiresMoreThanAUser(ApiDescription description) =>
        RequiresAuthentication(description) &&
        description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null);

    public static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var hasBody = operation.RequestBody is not null;
        operation.Responses ??= new OpenApiResponses();
        if (hasBody || description.ParameterDescriptions.Any(IsTypedParameter))
        {
            // A body the JSON reader refuses names the field in "errors"; a parameter that does not bind has only a detail.
            await AddAsync(operation, context, StatusCodes.Status400BadRequest, hasBody,
                "The request could not be read: a malformed body or an ill-typed parameter.", cancellationToken);
        }

        if (RequiresAuthentication(description))
        {
            await AddAsync(operation, context, StatusCodes.Status401Unauthorized, false, "No valid bearer token.", cancellationToken);
        }

        if (RequiresMoreThanAUser(description))
        {
            await AddAsync(operation, context, StatusCodes.Status403Forbidden, false, "The token lacks the role this route needs.", cancellationToken);
        }

        if (hasBody)
        {
            await AddAsync(operation, context, StatusCodes.Status413PayloadTooLarge, false, "The body is larger than this route accepts.", cancellationToken);
            await AddAsync(operation, context, StatusCodes.Status415UnsupportedMediaType, false,
                $"The body is not of a content type this route accepts ({string.Join(", ", operation.RequestBody!.Content?.Keys ?? [])}).", cancellationToken);
        }

        await AddAsync(operation, context, StatusCodes.Status429TooManyRequests, false,
            "Too many requests from this user or address; retry after the Retry-After header's seconds.", cancellationToken);
        Sort(operation.Responses);
    }

    private static async Task AddAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, bool fieldErrors, string description, CancellationToken cancellationToken)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        var type = fieldErrors ? typeof(HttpValidationProblemDetails) : typeof(Microsoft.AspNetCore.Mvc.ProblemDetails);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ContentType] = new OpenApiMediaType { Schema = await ReferenceToAsync(type, context, cancellationToken) },
            },
        };
    }

    /// <summary>
    /// A reference to the shared component, as ProducesProblem writes it: the schema a transformer asks for comes back
    /// inline, and repeating it under every response would hide that all refusals have one shape.
    /// </summary>
    private static async Task<IOpenApiSchema> ReferenceToAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(type.Name))
        {
            document.Components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);
        }

        return new OpenApiSchemaReference(type.Name, document);
    }

    /// <summary>Route values and query values other than strings can fail to bind, which the exception handler answers with 400.</summary>
    private static bool IsTypedParameter(ApiParameterDescription parameter) =>
        (parameter.Source == BindingSource.Query || parameter.Source == BindingSource.Path || parameter.Source == BindingSource.Header)
        && (Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type) != typeof(string);

    private static void Sort(OpenApiResponses responses)
    {
        var ordered = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (key, response) in ordered)
        {
            responses[key] = response;
        }
    }
}
