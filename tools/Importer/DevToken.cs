using System.Net.Http.Json;
using System.Text.Json;

namespace OtMz.Importer;

/// <summary>
/// An admin token from <c>POST /api/v1/auth/dev-token</c>, which only the embedded run (dev tokens on) answers;
/// a real deployment answers 404 and the importer needs <c>--token</c> instead.
/// </summary>
public static class DevToken
{
    public const string Path = "api/v1/auth/dev-token";
    public const string ImporterUserId = "importer";

    /// <exception cref="HttpRequestException">The API did not issue a token; the message says why.</exception>
    public static async Task<string> FetchAsync(HttpClient client, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsJsonAsync(Path, new { userId = ImporterUserId, roles = new[] { "admin" } }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{client.BaseAddress}{Path} answered {(int)response.StatusCode} {response.ReasonPhrase}: dev tokens are only issued by the embedded run; pass --token or set OTMZ_TOKEN.",
                null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.TryGetProperty("accessToken", out var token) && token.GetString() is { Length: > 0 } accessToken
            ? accessToken
            : throw new HttpRequestException($"{client.BaseAddress}{Path} answered without an accessToken.");
    }
}
