using Microsoft.OpenApi;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// Request bodies list as required only the fields a client must send. The schema generator counts every
/// positional record parameter as required, which is true of the responses (every field is written, a null one as
/// null) but not of the inputs, whose nullable fields exist precisely so a client can leave them out. So every
/// schema reachable from a request body loses the required mark on the properties that admit null; response-only
/// schemas keep theirs. This runs over the finished document, so it covers routes added later without changes here.
/// </summary>
public static class OpenApiOptionalInputs
{
    public static void Apply(OpenApiDocument document)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                Visit(media.Schema, document, visited);
            }
        }
    }

    private static void Visit(IOpenApiSchema? schema, OpenApiDocument document, HashSet<string> visited)
    {
        switch (schema)
        {
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id && visited.Add(id) && document.Components?.Schemas?.TryGetValue(id, out var target) == true)
                {
                    Visit(target, document, visited);
                }

                return;
            case OpenApiSchema inline:
                if (inline.Required is { Count: > 0 } required && inline.Properties is { } properties)
                {
                    foreach (var name in required.Where(n => properties.TryGetValue(n, out var property) && AdmitsNull(property)).ToList())
                    {
                        required.Remove(name);
                    }
                }

                foreach (var child in (inline.Properties?.Values ?? []).Concat(inline.AllOf ?? []).Concat(inline.AnyOf ?? []).Concat(inline.OneOf ?? []))
                {
                    Visit(child, document, visited);
                }

                Visit(inline.Items, document, visited);
                Visit(inline.AdditionalProperties, document, visited);
                return;
        }
    }

    /// <summary>A nullable property: "type" lists "null", or it is the generator's oneOf of null and a reference.</summary>
    private static bool AdmitsNull(IOpenApiSchema property) =>
        property.Type is { } type && type.HasFlag(JsonSchemaType.Null)
        || (property.OneOf ?? []).Concat(property.AnyOf ?? []).Any(s => s.Type == JsonSchemaType.Null);
}
