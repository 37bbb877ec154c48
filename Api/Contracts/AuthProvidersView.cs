using OtMz.Api.Auth;

namespace OtMz.Api.Contracts;

/// <summary>GET /api/v1/auth/providers: the ways this deployment signs users in, for a sign-in page to offer.</summary>
/// <param name="DevSignIn">Whether POST /api/v1/auth/dev-token answers (Development with Auth:DevTokens on).</param>
/// <param name="Providers">The configured OpenID Connect providers, by name.</param>
public sealed record AuthProvidersView(bool DevSignIn, IReadOnlyList<OidcProviderView> Providers);
