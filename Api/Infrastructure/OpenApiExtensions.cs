using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace OtMz.Api.Infrastructure;

/// <summary>The served OpenAPI document (/openapi/v1.json): bearer auth where routes need it, style vectors as 23 numbers.</summary>
public static class OpenApiExtensions
{
    private const string Bearer = "Bearer";

    public static IServiceCollection AddOtMzOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "OtMz API",
                    Version = "v1",
                    Description = "Real-time style recommendations: taste from signals, ranked looks with reasons. See docs/api.md.",
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
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(StyleVector))
                {
                    schema.Type = JsonSchemaType.Array;
                    schema.Items = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float", Minimum = "0" };
                    schema.MinItems = StyleTaxonomy.Count;
                    schema.MaxItems = StyleTaxonomy.Count;
                    schema.Properties?.Clear();
                    schema.Description = "23 non-negative style scores in styles.md order, not all zero.";
                }

                return Task.CompletedTask;
            });
        });
}
