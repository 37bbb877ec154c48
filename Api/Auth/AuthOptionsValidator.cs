using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OtMz.Api.Auth;

/// <summary>
/// The rules a deployment's "Auth" section must meet before the host starts (registered with ValidateOnStart;
/// <see cref="StartupRefusal"/> turns a failure into one log line and a non-zero exit). Outside Development no
/// dev tokens and a real signing key; everywhere, well-formed OpenID Connect providers.
/// </summary>
public sealed partial class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public const int MinKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var development = environment.IsDevelopment();
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Auth:Issuer and Auth:Audience must not be empty.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > TimeSpan.FromDays(30))
        {
            failures.Add($"Auth:TokenLifetime is {options.TokenLifetime}; it must be more than zero and at most 30 days.");
        }

        if (options.DashboardSessionLifetime < TimeSpan.FromMinutes(1) || options.DashboardSessionLifetime > TimeSpan.FromHours(8))
        {
            failures.Add($"Auth:DashboardSessionLifetime is {options.DashboardSessionLifetime}; it must be 1 minute to 8 hours.");
        }

        if (options.DevTokens && !development)
        {
            failures.Add($"Auth:DevTokens is on in the '{environment.EnvironmentName}' environment; dev tokens let anyone sign in as anyone, admin included, so they are allowed in Development only.");
        }

        if (string.IsNullOrEmpty(options.SigningKey))
        {
            if (!(options.DevTokens && development))
            {
                failures.Add("Auth:SigningKey is not set; every OtMz token (those POST /api/v1/auth/oidc issues included) is signed and checked with it. Set at least 32 bytes of secret text.");
            }
        }
        else if (Encoding.UTF8.GetByteCount(options.SigningKey) is var bytes and < MinKeyBytes)
        {
            failures.Add($"Auth:SigningKey is {bytes} bytes; it must be at least {MinKeyBytes}.");
        }

        ValidateOidc(options.Oidc, development, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateOidc(OidcOptions oidc, bool development, List<string> failures)
    {
        if (!oidc.RequireHttpsMetadata && !development)
        {
            failures.Add($"Auth:Oidc:RequireHttpsMetadata is off in the '{environment.EnvironmentName}' environment; provider keys fetched over plain HTTP can be forged, so it may be off in Development only.");
        }

        if (oidc.MetadataTimeout <= TimeSpan.Zero || oidc.MetadataTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Auth:Oidc:MetadataTimeout is {oidc.MetadataTimeout}; it must be more than zero and at most one minute.");
        }

        foreach (var (provider, settings) in oidc.Providers)
        {
            var key = $"Auth:Oidc:Providers:{provider}";
            if (!ProviderName().IsMatch(provider))
            {
                failures.Add($"{key}: a provider name has 1 to 20 lower-case letters, digits or '-', starting with a letter (it prefixes the user ids it signs in).");
            }

            if (string.IsNullOrWhiteSpace(settings.ClientId))
            {
                failures.Add($"{key}:ClientId is not set; it is the audience every ID token from this provider must name.");
            }

            if (settings.ScopesOrDefault is var scopes && (!scopes.Contains("openid") || !scopes.All(s => s is not null && ScopeToken().IsMatch(s))))
            {
                failures.Add($"{key}:Scopes must include \"openid\", each scope a single token of printable ASCII without spaces, quotes or backslashes.");
            }

            if (settings.DisplayName is { } label && (string.IsNullOrWhiteSpace(label) || label.Length > 40))
            {
                failures.Add($"{key}:DisplayName is the sign-in button's label: 1 to 40 characters when set.");
            }

            if (!Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http")
                || !string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment) || !string.IsNullOrEmpty(authority.UserInfo))
            {
                failures.Add($"{key}:Authority is not an absolute http(s) URL without query, fragment or credentials.");
            }
            else if (authority.Scheme == "http" && (oidc.RequireHttpsMetadata || !IsLoopback(authority)))
            {
                failures.Add($"{key}:Authority is plain HTTP; providers are reached over HTTPS, except loopback ones when Auth:Oidc:RequireHttpsMetadata is off (Development only).");
            }
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex(@"\A[a-z][a-z0-9-]{0,19}\z")]
    private static partial Regex ProviderName();

    /// <summary>RFC 6749's scope-token: %x21 / %x23-5B / %x5D-7E.</summary>
    [GeneratedRegex(@"\A[\x21\x23-\x5B\x5D-\x7E]{1,64}\z")]
    private static partial Regex ScopeToken();
}
