namespace OtMz.Api.Contracts;

/// <summary>An OtMz bearer token: what both POST /api/v1/auth/dev-token and POST /api/v1/auth/oidc return.</summary>
public sealed record DevTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
