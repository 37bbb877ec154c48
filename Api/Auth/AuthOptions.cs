namespace OtMz.Api.Auth;

/// <summary>
/// Section "Auth": how OtMz bearer tokens are signed and checked, whether dev tokens may be issued, and which
/// OpenID Connect providers may sign users in. <see cref="AuthOptionsValidator"/> checks it when the host starts.
/// </summary>
public sealed class AuthOptions
{
    public string Issuer { get; set; } = "otmz";

    public string Audience { get; set; } = "otmz-api";

    /// <summary>HMAC-SHA256 key, at least 32 bytes of text. Required unless dev tokens are on in Development, which then use a per-process random key.</summary>
    public string? SigningKey { get; set; }

    /// <summary>POST /api/v1/auth/dev-token issues tokens for any user id. Honoured in the Development environment only; anywhere else the Api refuses to start with it on.</summary>
    public bool DevTokens { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long the Orleans dashboard's session cookie lasts (<see cref="DashboardSession"/>); never past the bearer token that opened it.</summary>
    public TimeSpan DashboardSessionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>Section "Auth:Oidc": the OpenID Connect providers whose ID tokens POST /api/v1/auth/oidc exchanges for OtMz tokens.</summary>
public sealed class OidcOptions
{
    /// <summary>Discovery documents and keys are fetched over HTTPS only. Off is allowed in Development, and then only for loopback authorities (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long one fetch of a discovery document or key set may take before the sign-in answers 503.</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>By name, the name being what clients send as "provider" and the prefix of the user ids it maps to.</summary>
    public Dictionary<string, OidcProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);
}

public sealed class OidcProviderOptions
{
    /// <summary>The issuer URL; its discovery document is at {Authority}/.well-known/openid-configuration.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id the provider issued to this application: an ID token's audience must be exactly this.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Sent with the authorization code to the provider's token endpoint when the provider issued one (a confidential
    /// client, as Google's web clients are); PKCE protects the code either way. Never sent to a browser.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>The scopes the web client asks for; "openid" must be one of them. Just "openid" when not set (no default list here: the binder would append to it).</summary>
    public string[]? Scopes { get; set; }

    public IReadOnlyList<string> ScopesOrDefault => Scopes is { Length: > 0 } scopes ? scopes : ["openid"];

    /// <summary>The button's label ("Kakao"); the provider's name when not set.</summary>
    public string? DisplayName { get; set; }
}
