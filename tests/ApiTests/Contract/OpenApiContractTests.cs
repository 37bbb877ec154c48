using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using OtMz.TestShared;

namespace OtMz.ApiTests.Contract;

/// <summary>
/// Runs after every parallel test class (xunit runs collections that disable parallelization last), so the recorder
/// holds the exchanges of the whole ApiTests run by the time the contract is checked.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ContractCollection
{
    public const string Name = "OpenAPI contract";
}

/// <summary>
/// The served OpenAPI document against the Api's real answers: every exchange the ApiTests recorded, and one
/// success and one refusal per operation driven here, must use a documented status and content type and match the
/// documented schema. The document itself is checked for what broke integrators' tools.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed partial class OpenApiContractTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    /// <summary>Schemas allowed to refer to themselves because their payload really nests; none today.</summary>
    private static readonly string[] RecursiveSchemas = [];

    private async Task<OpenApiContract> ServedDocument() =>
        new(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

    [Fact]
    public async Task EveryRecordedExchangeIsOneTheServedDocumentDescribes()
    {
        var contract = await ServedDocument();
        await new ContractDriver(factory).DriveAsync();

        var exchanges = ExchangeRecorder.All;
        var checkedExchanges = exchanges.Select(e => (Exchange: e, Operation: contract.Find(e))).Where(x => x.Operation is not null).ToList();
        var mismatches = checkedExchanges.SelectMany(x => contract.Mismatches(x.Operation!, x.Exchange)).Distinct().ToList();
        output.WriteLine($"{checkedExchanges.Count} exchanges of {contract.Operations.Count} operations checked ({exchanges.Count} recorded).");

        var uncovered = new List<string>();
        foreach (var operation in contract.Operations)
        {
            var seen = checkedExchanges.Where(x => x.Operation!.Key == operation.Key).Select(x => x.Exchange.Status).ToList();
            if (!seen.Any(s => s is >= 200 and < 300))
            {
                uncovered.Add($"{operation.Key}: no successful exchange was recorded");
            }

            // A refusal the Api can be made to give on purpose; 429 needs the rate limiter's budget spent, so it alone does not count.
            var refusals = operation.Responses.Select(r => r.Status).Where(s => s.StartsWith('4') && s != "429");
            if (refusals.Any() && !seen.Any(s => s is >= 400 and < 500))
            {
                uncovered.Add($"{operation.Key}: no refusal was recorded, though it documents {string.Join(", ", refusals)}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answers differ from the document:\n" + string.Join("\n", mismatches));
        Assert.True(uncovered.Count == 0, "Operations without recorded exchanges (add a step to ContractDriver):\n" + string.Join("\n", uncovered));
    }

    [Fact]
    public async Task TheContractNoticesAnswersTheDocumentDoesNotDescribe()
    {
        var contract = await ServedDocument();
        var look = await factory.CreateClient().GetByteArrayAsync("/api/v1/looks/look-0000001");
        var weather = "{\"region\":\"seoul\",\"weather\":{\"temperatureC\":\"NaN\",\"precipitationMm\":0,\"condition\":\"x\",\"observedAt\":\"2026-01-01T00:00:00Z\"},\"version\":1}"u8.ToArray();
        var badLook = System.Text.Json.Nodes.JsonNode.Parse(look)!;
        badLook["title"] = 7;
        Exchange Answer(string template, int status, string? mediaType, byte[] body) => new("GET", template, template, status, mediaType, body, body.Length);

        Assert.Empty(contract.Mismatches(contract.Find(Answer("/api/v1/looks/{id}", 200, "application/json", look))!, Answer("/api/v1/looks/{id}", 200, "application/json", look)));
        foreach (var wrong in new[]
        {
            Answer("/api/v1/looks/{id}", 200, "application/json", System.Text.Encoding.UTF8.GetBytes(badLook.ToJsonString())),
            Answer("/api/v1/looks/{id}", 418, "application/problem+json", "{}"u8.ToArray()),
            Answer("/api/v1/looks/{id}", 404, "text/plain", "gone"u8.ToArray()),
            Answer("/api/v1/looks/{id}", 200, "application/json", []),
            Answer("/api/v1/images/{id}", 200, "image/gif", [1, 2, 3]),
            Answer("/api/v1/regions/{region}/weather", 200, "application/json", weather),
        })
        {
            Assert.NotEmpty(contract.Mismatches(contract.Find(wrong)!, wrong));
        }
    }

    [Fact]
    public async Task NoSchemaRefersToItselfUnlessItsPayloadNests()
    {
        var schemas = (await ServedDocument()).Root.GetProperty("components").GetProperty("schemas");
        var references = schemas.EnumerateObject().ToDictionary(s => s.Name, s => ReferencesIn(s.Value).ToHashSet());

        foreach (var name in references.Keys.Except(RecursiveSchemas))
        {
            var reachable = new HashSet<string>();
            var pending = new Stack<string>(references[name]);
            while (pending.TryPop(out var next))
            {
                if (reachable.Add(next) && references.TryGetValue(next, out var further))
                {
                    foreach (var reference in further)
                    {
                        pending.Push(reference);
                    }
                }
            }

            Assert.False(reachable.Contains(name), $"{name} refers to itself through {string.Join(", ", reachable)}");
        }

        // The signal body is described without recursion: a batch's items are single signals.
        Assert.Equal(["SignalFields"], references["SignalInput"].Where(r => r.StartsWith("Signal", StringComparison.Ordinal) && r != "SignalType"));
    }

    [Fact]
    public async Task NumbersAreTypedAsNumbersOnly()
    {
        var document = (await ServedDocument()).Root;
        var numbers = Schemas(document).Where(s => TypesOf(s).Overlaps(["number", "integer"])).ToList();

        Assert.NotEmpty(numbers);
        Assert.All(numbers, s => Assert.False(TypesOf(s).Contains("string"), $"a number that may be a string: {s}"));
        Assert.DoesNotContain(Schemas(document), s => s.TryGetProperty("enum", out var values) && values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() is "NaN" or "Infinity" or "-Infinity"));
        Assert.DoesNotContain(Schemas(document), s => s.TryGetProperty("anyOf", out var options) && options.EnumerateArray().Any(o => TypesOf(o).Contains("number")));
    }

    [Fact]
    public async Task EveryOperationDocumentsItsRefusalsAsProblemDetails()
    {
        var contract = await ServedDocument();
        foreach (var operation in contract.Operations)
        {
            var refusals = operation.Responses.Where(r => r.Status.StartsWith('4')).ToList();
            Assert.True(refusals.Count > 0, $"{operation.Key} documents no 4xx");
            Assert.Contains(refusals, r => r.Status == "429");
            foreach (var (status, response) in refusals)
            {
                var content = response.GetProperty("content").EnumerateObject().ToList();
                Assert.Equal(["application/problem+json"], content.Select(c => c.Name));
                Assert.Contains(content[0].Value.GetProperty("schema").GetProperty("$ref").GetString(),
                    new[] { "#/components/schemas/ProblemDetails", "#/components/schemas/HttpValidationProblemDetails" });
            }

            // A secured route can answer 401; of the anonymous ones only sign-in can (a refused ID token).
            var secured = operation.Element.TryGetProperty("security", out _);
            Assert.Equal(secured || operation.Key == "POST /api/v1/auth/oidc", refusals.Any(r => r.Status == "401"));
            if (operation.Element.TryGetProperty("requestBody", out _))
            {
                Assert.Contains(refusals, r => r.Status == "400");
                Assert.Contains(refusals, r => r.Status == "413");
                Assert.Contains(refusals, r => r.Status == "415");
            }
        }

        var paths = contract.Root.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/looks").GetProperty("post").GetProperty("responses").TryGetProperty("403", out _), "admin routes document 403");
        Assert.False(paths.GetProperty("/api/v1/looks").GetProperty("get").GetProperty("responses").TryGetProperty("401", out _), "anonymous routes document no 401");
        Assert.True(paths.GetProperty("/api/v1/users/me/closet/items").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _), "a full closet is 409");
    }

    [Fact]
    public async Task FieldsAClientMayLeaveOutAreNotRequired()
    {
        var schemas = (await ServedDocument()).Root.GetProperty("components").GetProperty("schemas");

        foreach (var input in new[] { "DevTokenRequest", "SignalInput", "SignalFields", "WeatherInput", "LookInput", "ProfileInput", "SurveyInput", "ClosetItemPatchInput", "CodibookInput", "CampaignInput", "AdClickInput" })
        {
            Assert.False(schemas.GetProperty(input).TryGetProperty("required", out var required) && required.GetArrayLength() > 0,
                $"{input} requires {(schemas.GetProperty(input).TryGetProperty("required", out var r) ? r.ToString() : "")}, though every field may be left out");
        }

        // Inside a look, a palette entry and a garment are whole or refused, so their fields stay required.
        Assert.Equal(["colour", "weight"], schemas.GetProperty("PaletteEntry").GetProperty("required").EnumerateArray().Select(f => f.GetString()));
        // Responses write every field, a missing value as null, so theirs stay required.
        Assert.Contains("updatedAt", schemas.GetProperty("TasteSnapshot").GetProperty("required").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task PicturesNameTheirContentTypes()
    {
        var paths = (await ServedDocument()).Root.GetProperty("paths");

        Assert.Equal(["image/jpeg"], ContentTypes(paths, "/api/v1/images/{id}"));
        Assert.Equal(["image/png", "image/jpeg"], ContentTypes(paths, "/api/v1/users/me/closet/items/{id}/cutout"));
        Assert.Equal(["image/jpeg"], ContentTypes(paths, "/api/v1/users/me/closet/items/{id}/image"));

        static IEnumerable<string> ContentTypes(JsonElement paths, string path) =>
            paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name);
    }

    [Fact]
    public async Task EveryFileTheDocumentPointsAtIsInTheRepository()
    {
        var text = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var file in MarkdownFile().Matches(text).Select(m => m.Value).Distinct())
        {
            Assert.True(File.Exists(Repository.PathOf(file)), $"the document points at {file}, which is not in the repository");
        }
    }

    [Fact]
    public async Task OnlyTheApiRoutesAreDocumented()
    {
        var contract = await ServedDocument();

        Assert.All(contract.Operations, o => Assert.StartsWith("/api/", o.Path));
        Assert.Contains(contract.Operations, o => o.Key == "GET /api/v1/styles");
    }

    private static IEnumerable<string> ReferencesIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "$ref" && p.Value.GetString() is { } target && target.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                ? [target["#/components/schemas/".Length..]]
                : ReferencesIn(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(ReferencesIn),
        _ => [],
    };

    /// <summary>Every object in the document that has a "type": the schemas, wherever they are.</summary>
    private static IEnumerable<JsonElement> Schemas(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => (element.TryGetProperty("type", out var type) && type.ValueKind is JsonValueKind.String or JsonValueKind.Array || element.TryGetProperty("enum", out _) || element.TryGetProperty("anyOf", out _)
            ? [element]
            : Enumerable.Empty<JsonElement>()).Concat(element.EnumerateObject().SelectMany(p => Schemas(p.Value))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Schemas),
        _ => [],
    };

    private static HashSet<string> TypesOf(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : [];

    [GeneratedRegex(@"[\w./-]+\.md\b")]
    private static partial Regex MarkdownFile();
}
