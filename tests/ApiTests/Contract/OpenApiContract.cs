using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace OtMz.ApiTests.Contract;

/// <summary>An operation of the served document: its method, its path template and its OpenAPI object.</summary>
public sealed record Operation(string Method, string Path, JsonElement Element)
{
    public string Key => $"{Method} {Path}";

    public IEnumerable<(string Status, JsonElement Response)> Responses =>
        Element.GetProperty("responses").EnumerateObject().Select(r => (r.Name, r.Value));
}

/// <summary>
/// The served OpenAPI document as a contract: it finds the operation an <see cref="Exchange"/> belongs to by method
/// and route template, and says what about the exchange the document does not allow (an undocumented status or
/// content type, a body that does not match the schema). Schemas are checked with JsonSchema.Net: the document is
/// registered under a base URI so that the "#/components/schemas/..." references inside it resolve, as OpenAPI 3.1
/// schemas are JSON Schema 2020-12.
/// </summary>
public sealed class OpenApiContract
{
    public static readonly Uri DocumentUri = new("https://otmz.test/openapi/v1.json");

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private readonly BuildOptions _build;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();
    private int _built;

    public OpenApiContract(string json)
    {
        Root = JsonDocument.Parse(json).RootElement.Clone();
        _build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        _build.SchemaRegistry.Register(new JsonElementBaseDocument(Root, DocumentUri));
    }

    public JsonElement Root { get; }

    public IReadOnlyList<Operation> Operations =>
    [
        .. from path in Root.GetProperty("paths").EnumerateObject()
           from operation in path.Value.EnumerateObject()
           where Methods.Contains(operation.Name)
           select new Operation(operation.Name.ToUpperInvariant(), path.Name, operation.Value),
    ];

    public Operation? Find(Exchange exchange) =>
        Root.GetProperty("paths").TryGetProperty(exchange.Template, out var path) && path.TryGetProperty(exchange.Method.ToLowerInvariant(), out var operation)
            ? new Operation(exchange.Method, exchange.Template, operation)
            : null;

    /// <summary>What the document does not allow about <paramref name="exchange"/>; empty when it matches.</summary>
    public IReadOnlyList<string> Mismatches(Operation operation, Exchange exchange)
    {
        var at = $"{exchange.Method} {exchange.Path} -> {exchange.Status} {exchange.MediaType}";
        if (!operation.Element.GetProperty("responses").TryGetProperty(exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
        {
            return [$"{at}: status {exchange.Status} is not documented for {operation.Key}"];
        }

        var hasContent = response.TryGetProperty("content", out var content) && content.EnumerateObject().Any();
        if (exchange.Length == 0)
        {
            return hasContent ? [$"{at}: the document promises a body ({string.Join(", ", content.EnumerateObject().Select(c => c.Name))}), none came"] : [];
        }

        if (!hasContent || exchange.MediaType is null || !content.TryGetProperty(exchange.MediaType, out var media))
        {
            return [$"{at}: content type '{exchange.MediaType}' is not documented for {exchange.Status} of {operation.Key}"];
        }

        if (exchange.Body.Length == 0 || !media.TryGetProperty("schema", out var schema))
        {
            return []; // a picture: its content type is what can be checked
        }

        if (exchange.Body.Length < exchange.Length)
        {
            return [$"{at}: the body ({exchange.Length} bytes) is larger than the recorder keeps, so it was not checked"];
        }

        var results = SchemaFor(schema).Evaluate(JsonDocument.Parse(exchange.Body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [$"{at}: the body does not match the documented schema: {Describe(results)}\n    body: {Truncate(System.Text.Encoding.UTF8.GetString(exchange.Body))}"];
    }

    /// <summary>The schema with its local references pointed at the registered document, built once per distinct schema.</summary>
    private JsonSchema SchemaFor(JsonElement schema) =>
        _schemas.GetOrAdd(schema.GetRawText(), text =>
        {
            var node = JsonNode.Parse(text)!;
            Anchor(node);
            return JsonSchema.Build(JsonDocument.Parse(node.ToJsonString()).RootElement, _build,
                new Uri($"https://otmz.test/checks/{Interlocked.Increment(ref _built)}"));
        });

    private static void Anchor(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith('#'))
                {
                    obj["$ref"] = DocumentUri + target;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Anchor(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Anchor(child);
                }

                break;
        }
    }

    private static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))
            .Distinct()
            .Take(8));

    private static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "...";
}
