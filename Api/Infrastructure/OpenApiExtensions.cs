using Microsoft.OpenApi;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// The served OpenAPI document (/openapi/v1.json): the /api routes only (probes and metrics are for operators),
/// bearer auth where routes need it, style vectors as 23 numbers. <see cref="OpenApiProblemResponses"/> adds the
/// Problem Details answers every route can give, and <see cref="OpenApiOptionalInputs"/> keeps request fields a
/// client may leave out from being listed as required.
/// </summary>
public static class OpenApiExtensions
{
    private const string Bearer = "Bearer";

    public static IServiceCollection AddOtMzOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            var inThisDocument = options.ShouldInclude;
            options.ShouldInclude = description =>
                inThisDocument(description) && description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "OtMz API",
                    Version = "v1",
                    Description = "Real-time style recommendations: taste from signals, ranked looks with reasons. " +
                        "Every refusal is a Problem Details (RFC 9457) answer; field errors are keyed by the field's JSON path.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A token from POST /api/v1/auth/dev-token (embedded run) or your identity provider.",
                };
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                OpenApiOptionalInputs.Apply(document);
                OpenApiNullableReferences.Apply(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (OpenApiProblemResponses.RequiresAuthentication(context.Description))
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer(OpenApiProblemResponses.AddAsync);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(StyleVector))
                {
                    schema.Type = JsonSchemaType.Array;
                    schema.Items = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float", Minimum = "0" };
                    schema.MinItems = StyleTaxonomy.Count;
                    schema.MaxItems = StyleTaxonomy.Count;
                    schema.Properties?.Clear();
                    schema.Description = "23 non-negative style scores in the order of GET /api/v1/styles, not all zero.";
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// A 200 answer of raw picture bytes in one of <paramref name="contentTypes"/> (the analyser stores photos as JPEG
    /// and cutouts as PNG). The schema says "bytes", not a JSON string, and no component is made for it.
    /// </summary>
    public static RouteHandlerBuilder ProducesPicture(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.Produces(StatusCodes.Status200OK).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Description = "The picture's bytes.";
                response.Content = contentTypes.ToDictionary(
                    type => type,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } });
            }

            return Task.CompletedTask;
        });
}
