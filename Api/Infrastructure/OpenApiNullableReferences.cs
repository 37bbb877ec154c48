using Microsoft.OpenApi;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// A nullable property of a shared type comes out of the schema generator as "oneOf: [null, $ref]". When the shared
/// schema itself admits null (an enum first met as nullable elsewhere lists null among its values), a null value
/// matches both branches, and "oneOf" means exactly one, so the document would refuse the very nulls it promises.
/// "anyOf" says what is meant: null, or the referenced type. This runs over the finished document.
/// </summary>
public static class OpenApiNullableReferences
{
    public static void Apply(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Visit(schema);
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var media in (operation.RequestBody?.Content?.Values ?? []).Concat((operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => r.Content?.Values ?? [])))
            {
                Visit(media.Schema);
            }
        }
    }

    private static void Visit(IOpenApiSchema? schema)
    {
        if (schema is not OpenApiSchema inline)
        {
            return;
        }

        if (inline.OneOf is { Count: 2 } oneOf && oneOf.Any(s => s.Type == JsonSchemaType.Null) && oneOf.Any(s => s is OpenApiSchemaReference))
        {
            inline.AnyOf = oneOf;
            inline.OneOf = null;
        }

        foreach (var child in (inline.Properties?.Values ?? []).Concat(inline.AllOf ?? []).Concat(inline.AnyOf ?? []).Concat(inline.OneOf ?? []))
        {
            Visit(child);
        }

        Visit(inline.Items);
        Visit(inline.AdditionalProperties);
    }
}
