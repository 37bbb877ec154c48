namespace OtMz.Api.Contracts;

/// <summary>
/// POST /api/v1/auth/oidc, for <paramref name="Provider"/> (a name configured under Auth:Oidc:Providers), in one of
/// two forms: the ID token a client got from the provider itself (<paramref name="IdToken"/>, and the
/// <paramref name="Nonce"/> it sent if it wants that checked), or the authorization code a browser brought back
/// (<paramref name="Code"/> with the PKCE <paramref name="CodeVerifier"/>, the <paramref name="RedirectUri"/> the
/// authorization request named, and its <paramref name="Nonce"/>), which the Api redeems at the provider.
/// </summary>
public sealed record OidcSignInRequest(
    string? Provider,
    string? IdToken,
    string? Code = null,
    string? CodeVerifier = null,
    string? RedirectUri = null,
    string? Nonce = null);
