using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;

namespace OtMz.ApiTests.Fuzz;

/// <summary>
/// Generated requests for every operation of the API: valid ones are accepted (or answered 404/409 for what does
/// not exist or is stale), invalid ones and ones with bad credentials are refused with a 4xx, and none of them is
/// ever a 5xx. An invalid request changes neither the caller's state, nor the look or region it names, nor the campaigns. Bounded:
/// each operation runs a fixed number of seeded cases, and a failure reports the seed that reproduces it.
/// </summary>
public class FuzzTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Operations => [.. FuzzOperations.All.Select(o => $"{o.Method} {o.Route}")];

    [Fact]
    public async Task EveryOperationOfTheServedDocumentHasAGenerator()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var served = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(op => $"{op.Name.ToUpperInvariant()} {path.Name.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(served, FuzzOperations.All.Select(o => $"{o.Method} {o.Route}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task GeneratedRequestsNeverFailTheServerAndInvalidOnesChangeNothing(string operation)
    {
        var op = FuzzOperations.All.Single(o => $"{o.Method} {o.Route}" == operation);
        var admin = await factory.AdminClient();
        await Gen.Int.SampleAsync(async seed =>
        {
            var rng = new Random(seed);
            var caller = op.Caller switch
            {
                Caller.Anonymous => factory.CreateClient(),
                Caller.Admin => admin,
                _ => await factory.NewUserClient(),
            };
            var target = FuzzTarget.For(rng);
            if (op.NeedsIdToken)
            {
                target = target with { IdToken = await factory.OidcIdTokenAsync(Hostile.Id(rng, "subject")) };
            }

            if (op.NeedsClosetItem)
            {
                target = target with { ItemId = await AddClosetItemAsync(caller) };
            }

            var valid = await caller.SendAsync(op.Valid(rng, target));
            Assert.True(valid.IsSuccessStatusCode || valid.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict,
                $"{operation} seed {seed}: a valid request got {(int)valid.StatusCode}: {await valid.Content.ReadAsStringAsync()}");

            var (client, request) = InvalidRequest(op, rng, target, caller);
            if (request is null)
            {
                return;
            }

            var state = caller == admin || op.Caller == Caller.Anonymous ? admin : caller;
            var before = await SnapshotAsync(state, target, op.Caller == Caller.User);
            // Read before sending (which buffers the body), so a failure can say what was sent.
            var sent = request.Content is { } content && content.Headers.ContentType?.MediaType is not "multipart/form-data" ? await content.ReadAsStringAsync() : "";
            var refused = await client.SendAsync(request);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True((int)refused.StatusCode is >= 400 and < 500, $"{operation} seed {seed}: an invalid request {request.RequestUri} {sent} got {(int)refused.StatusCode}: {body}");
            Assert.Equal(before, await SnapshotAsync(state, target, op.Caller == Caller.User));
        }, iter: op.Iterations, threads: 1);
    }

    /// <summary>The operation's own invalid request, or (for authenticated operations, sometimes) a valid one with bad credentials.</summary>
    private (HttpClient Client, HttpRequestMessage? Request) InvalidRequest(FuzzOperation op, Random rng, FuzzTarget target, HttpClient caller)
    {
        var badCredentials = op.Caller != Caller.Anonymous && (op.Invalid is null || rng.Chance(0.25));
        if (!badCredentials)
        {
            return (caller, op.Invalid?.Invoke(rng, target));
        }

        var client = factory.CreateClient();
        var token = caller.DefaultRequestHeaders.Authorization!.Parameter!;
        client.DefaultRequestHeaders.Authorization = rng.Next(3) switch
        {
            // A flipped signature, no token at all, or (for admin routes) a plain user's token.
            0 => new AuthenticationHeaderValue("Bearer", token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]),
            1 => null,
            _ => new AuthenticationHeaderValue("Bearer", "not.a.token"),
        };
        return (client, op.Valid(rng, target));
    }

    private static async Task<string> SnapshotAsync(HttpClient client, FuzzTarget target, bool user)
    {
        string[] urls = user
            ? ["/api/v1/users/me", "/api/v1/users/me/taste", "/api/v1/users/me/closet/items"]
            : [$"/api/v1/looks/{target.LookId}", $"/api/v1/regions/{target.Region}/weather", "/api/v1/ads/campaigns"];
        var parts = new List<string>();
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            // An error's body carries a trace id of its own; its status is what must not change.
            parts.Add(response.IsSuccessStatusCode ? $"{url} {await response.Content.ReadAsStringAsync()}" : $"{url} {(int)response.StatusCode}");
        }

        return string.Join("\n", parts);
    }

    private static async Task<string> AddClosetItemAsync(HttpClient user)
    {
        var response = await user.PostAsync("/api/v1/users/me/closet/items",
            Pictures.Form(Pictures.Garment(SkiaSharp.SKColors.Navy, SkiaSharp.SKColors.White, size: 160), "g.png", ("slot", "top")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Body()).GetProperty("id").GetString()!;
    }
}
