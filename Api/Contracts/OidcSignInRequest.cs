namespace OtMz.Api.Contracts;

/// <summary>POST /api/v1/auth/oidc: the ID token a client got from signing in with <paramref name="Provider"/> (a name configured under Auth:Oidc:Providers).</summary>
public sealed record OidcSignInRequest(string? Provider, string? IdToken);
