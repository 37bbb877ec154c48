using System.Net.Http.Headers;
using System.Text.Json;

namespace OtMz.Api.Auth;

/// <summary>A configured provider as a sign-in page shows it: no secret, and the authorization endpoint its discovery document names (null while it cannot be fetched).</summary>
public sealed record OidcProviderView(string Name, string DisplayName, string Issuer, string ClientId, IReadOnlyList<string> Scopes, string? AuthorizationEndpoint);

/// <summary>
/// The browser half of a sign-in: the web client sends the user to the provider's authorization endpoint with PKCE
/// and a nonce, and hands the code it gets back to POST /api/v1/auth/oidc, where this exchanges it at the provider's
/// token endpoint (with the client secret when one is configured, which therefore never reaches a browser) and
/// checks the ID token it answers like any other, nonce included.
/// </summary>
public sealed partial class OidcSignIn
{
    /// <summary>Every provider, its endpoints resolved in parallel; a provider that cannot be reached is listed without one.</summary>
    public async Task<IReadOnlyList<OidcProviderView>> ListAsync(CancellationToken cancellationToken)
    {
        var views = _providers.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(async p =>
        {
            var configuration = await DiscoverAsync(p, cancellationToken);
            return new OidcProviderView(p.Name, p.Settings.DisplayName ?? p.Name, p.Settings.Authority!, p.Settings.ClientId!,
                p.Settings.ScopesOrDefault, configuration?.AuthorizationEndpoint is { Length: > 0 } endpoint ? endpoint : null);
        });
        return await Task.WhenAll(views);
    }

    /// <summary>Redeems an authorization code for the provider's ID token and checks that token, its nonce included.</summary>
    public async Task<OidcOutcome> RedeemCodeAsync(string provider, string code, string codeVerifier, string redirectUri, string nonce, CancellationToken cancellationToken)
    {
        var known = _providers[provider];
        if (await DiscoverAsync(known, cancellationToken) is not { } configuration)
        {
            return new(OidcVerdict.ProviderUnavailable);
        }

        if (!Uri.TryCreate(configuration.TokenEndpoint, UriKind.Absolute, out var tokenEndpoint) || (_requireHttps && tokenEndpoint.Scheme != Uri.UriSchemeHttps))
        {
            _logger.LogWarning("OpenID Connect provider {Provider} names no usable token endpoint ({Endpoint})", provider, configuration.TokenEndpoint);
            return new(OidcVerdict.ProviderUnavailable);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint) { Content = new FormUrlEncodedContent(TokenRequest(known, configuration.TokenEndpointAuthMethodsSupported, code, codeVerifier, redirectUri)) };
        if (known.Settings.ClientSecret is { Length: > 0 } secret && UsesBasicAuthentication(configuration.TokenEndpointAuthMethodsSupported))
        {
            // RFC 6749 2.3.1: both halves form-encoded before they are joined.
            var pair = $"{Uri.EscapeDataString(known.Settings.ClientId!)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pair)));
        }

        JsonElement body;
        int status;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or NotSupportedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("The token endpoint of OpenID Connect provider {Provider} could not be used: {Error}", provider, e.Message);
            return new(OidcVerdict.ProviderUnavailable);
        }

        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            // The provider's own words (invalid_grant for a used, expired or mismatched code or verifier), shortened.
            var description = body.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var said = Shorten($"{error.GetString()}{(string.IsNullOrEmpty(description) ? "" : $": {description}")}");
            _logger.LogInformation("OpenID Connect provider {Provider} refused an authorization code: {Error}", provider, said);
            return status >= 500 ? new(OidcVerdict.ProviderUnavailable) : new(OidcVerdict.Rejected, Reason: $"The provider refused the authorization code ({said}).");
        }

        if (status is < 200 or > 299 || body.ValueKind != JsonValueKind.Object)
        {
            _logger.LogWarning("The token endpoint of OpenID Connect provider {Provider} answered {Status}", provider, status);
            return new(OidcVerdict.ProviderUnavailable);
        }

        if (!body.TryGetProperty("id_token", out var idToken) || idToken.ValueKind != JsonValueKind.String || idToken.GetString() is not { Length: > 0 } jwt)
        {
            return new(OidcVerdict.Rejected, Reason: "The provider's answer has no ID token; \"openid\" must be among the scopes asked for.");
        }

        return await CheckAsync(provider, jwt, nonce, cancellationToken);
    }

    private static Dictionary<string, string> TokenRequest(Provider known, ICollection<string> authMethods, string code, string codeVerifier, string redirectUri)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
            ["client_id"] = known.Settings.ClientId!,
        };
        if (known.Settings.ClientSecret is { Length: > 0 } secret && !UsesBasicAuthentication(authMethods))
        {
            form["client_secret"] = secret;
        }

        return form;
    }

    /// <summary>client_secret_basic is the default (OpenID Connect Discovery); client_secret_post when that is all the provider takes (Kakao).</summary>
    private static bool UsesBasicAuthentication(ICollection<string> authMethods) =>
        authMethods.Count == 0 || authMethods.Contains("client_secret_basic");

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>RFC 7636's code_verifier: 43 to 128 unreserved characters.</summary>
public static partial class Pkce
{
    public static bool IsVerifier(string value) => Verifier().IsMatch(value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[A-Za-z0-9\-._~]{43,128}\z")]
    private static partial System.Text.RegularExpressions.Regex Verifier();
}
