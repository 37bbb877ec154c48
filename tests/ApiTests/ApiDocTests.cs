using System.Text.Json;
using System.Text.RegularExpressions;
using OtMz.TestShared;

namespace OtMz.ApiTests;

/// <summary>
/// docs/api.md and the served OpenAPI document describe the same operations. The doc lists each route as a table
/// row whose first cell is the method and the path template in backticks ("| `GET /api/v1/looks/{id}` | ..."), and
/// this test compares those rows with the operations of /openapi/v1.json both ways, so a route added to the Api
/// without a row, or a row left behind for a route that is gone, fails here.
/// </summary>
public sealed partial class ApiDocTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] OperationMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public async Task EveryServedOperationIsADocumentedRouteAndEveryDocumentedRouteIsServed()
    {
        var served = await ServedOperations();
        var documented = DocumentedRoutes();

        Assert.True(served.Count > 0, "The served document lists no operations.");
        var undocumented = served.Except(documented).Order(StringComparer.Ordinal).ToList();
        var notServed = documented.Except(served).Order(StringComparer.Ordinal).ToList();
        Assert.True(undocumented.Count + notServed.Count == 0,
            "Operations of /openapi/v1.json without a row in docs/api.md:\n" + string.Join("\n", undocumented) +
            "\nRows of docs/api.md that are not operations of /openapi/v1.json:\n" + string.Join("\n", notServed));
    }

    [Fact]
    public void NoRouteIsDocumentedTwice()
    {
        var twice = RouteRows().GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(twice.Count == 0, "Routes with more than one row in docs/api.md:\n" + string.Join("\n", twice));
    }

    private async Task<HashSet<string>> ServedOperations()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var operations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var item in path.Value.EnumerateObject().Where(i => OperationMethods.Contains(i.Name)))
            {
                operations.Add($"{item.Name.ToUpperInvariant()} {path.Name}");
            }
        }

        return operations;
    }

    private static HashSet<string> DocumentedRoutes() => new(RouteRows(), StringComparer.Ordinal);

    private static IEnumerable<string> RouteRows() =>
        File.ReadLines(Repository.PathOf("docs", "api.md"))
            .Select(line => RouteRow().Match(line))
            .Where(m => m.Success)
            .Select(m => $"{m.Groups["method"].Value} {m.Groups["path"].Value}");

    /// <summary>A table row whose first cell is "`METHOD /path/{template}`", the one format docs/api.md uses for routes.</summary>
    [GeneratedRegex(@"^\|\s*`(?<method>[A-Z]+) (?<path>/[^`\s]*)`\s*\|")]
    private static partial Regex RouteRow();
}
