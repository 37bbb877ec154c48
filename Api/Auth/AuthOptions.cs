namespace OtMz.Api.Auth;

/// <summary>Section "Auth": how bearer tokens are signed and checked, and whether dev tokens may be issued.</summary>
public sealed class AuthOptions
{
    public string Issuer { get; set; } = "otmz";

    public string Audience { get; set; } = "otmz-api";

    /// <summary>HMAC-SHA256 key, at least 32 bytes of text. Required unless dev tokens are on, which then use a per-process random key.</summary>
    public string? SigningKey { get; set; }

    /// <summary>POST /api/v1/auth/dev-token issues tokens for any user id. On in the embedded run only.</summary>
    public bool DevTokens { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
