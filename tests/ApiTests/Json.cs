using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OtMz.ApiTests;

/// <summary>JSON and Problem Details helpers for the tests that talk to the Api over HTTP (ApiTests, and AuthTests by a link).</summary>
internal static class Json
{
    public static async Task<JsonElement> Body(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    /// <summary>Asserts a Problem Details answer with <paramref name="status"/> and, when given, an error for <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.True(body.TryGetProperty("type", out _));
        if (field is not null)
        {
            var errors = body.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
            Assert.Contains(messages.EnumerateArray(), m => !string.IsNullOrEmpty(m.GetString()));
        }

        return body;
    }

    public static StringContent Raw(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
