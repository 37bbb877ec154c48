using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>The two ways to get an OtMz token: dev tokens (Development only) and an OpenID Connect provider's ID token.</summary>
public static class AuthApi
{
    /// <summary>Far above any real ID token (Kakao's are about 1 KB), low enough that nobody parses a megabyte.</summary>
    public const int MaxIdTokenLength = 16 * 1024;

    /// <summary>Codes are opaque to us; providers' are well under this (OpenIddict's, the longest seen, about 1.5 KB).</summary>
    public const int MaxCodeLength = 8 * 1024;

    public const int MaxRedirectUriLength = 2048;

    public const int MaxNonceLength = 256;

    private static readonly string[] KnownRoles = ["admin"];

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/dev-token", IssueDevToken)
            .AllowAnonymous()
            .RateLimitedAs(RequestClass.DevTokens)
            .WithTags("Identity")
            .WithName("IssueDevToken")
            .WithSummary("Issues a token for any user id. Only in the Development environment with Auth:DevTokens on; 404 otherwise.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/auth/providers", ListSignInProviders)
            .AllowAnonymous()
            .WithTags("Identity")
            .WithName("ListSignInProviders")
            .WithSummary("The configured OpenID Connect providers (name, label, issuer, client id, scopes, authorization endpoint; no secrets) and whether dev sign-in is on, for a sign-in page.");
        app.MapPost("/api/v1/auth/oidc", SignInWithOidc)
            .AllowAnonymous()
            .WithTags("Identity")
            .WithName("SignInWithOidc")
            .WithSummary("Exchanges an ID token from a configured OpenID Connect provider (e.g. Kakao), or an authorization code with its PKCE verifier and nonce, for an OtMz token; the user id is derived from the provider's subject.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static Results<Ok<DevTokenResponse>, ProblemHttpResult> IssueDevToken(IServiceProvider services, TokenIssuer issuer, DevTokenRequest request)
    {
        if (!services.DevTokensEnabled())
        {
            return Problems.NotFound("Dev tokens are not enabled on this deployment.");
        }

        if (!UserIds.IsValid(request.UserId))
        {
            return Problems.Validation("userId", $"A user id has 1 to {UserIds.MaxLength} letters, digits or '-', '_', '.', '@', ':'.");
        }

        var roles = request.Roles ?? [];
        for (var i = 0; i < roles.Length; i++)
        {
            if (roles[i] is null)
            {
                return Problems.Validation($"roles[{i}]", "A role is a string; null is not one.");
            }

            if (!KnownRoles.Contains(roles[i]))
            {
                return Problems.Validation("roles", $"Unknown role '{roles[i]}'; the only role is 'admin'.");
            }
        }

        var (token, expiresAt) = issuer.Issue(request.UserId!, roles);
        return TypedResults.Ok(new DevTokenResponse(token, expiresAt));
    }

    public static async Task<Ok<AuthProvidersView>> ListSignInProviders(IServiceProvider services, OidcSignIn oidc, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AuthProvidersView(services.DevTokensEnabled(), await oidc.ListAsync(cancellationToken)));

    public static async Task<Results<Ok<DevTokenResponse>, ProblemHttpResult>> SignInWithOidc(
        OidcSignIn oidc, TokenIssuer issuer, OidcSignInRequest request, CancellationToken cancellationToken)
    {
        if (!oidc.Knows(request.Provider))
        {
            var known = oidc.ProviderNames.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", oidc.ProviderNames.Order(StringComparer.Ordinal));
            return Problems.Validation("provider", $"Unknown sign-in provider ({known}).");
        }

        if (Refusal(request) is { } refusal)
        {
            return refusal;
        }

        var outcome = request.Code is not null
            ? await oidc.RedeemCodeAsync(request.Provider!, request.Code, request.CodeVerifier!, request.RedirectUri!, request.Nonce!, cancellationToken)
            : await oidc.CheckAsync(request.Provider!, request.IdToken!, request.Nonce, cancellationToken);
        switch (outcome.Verdict)
        {
            case OidcVerdict.ProviderUnavailable:
                return TypedResults.Problem(title: "The sign-in provider could not be reached; try again later.", statusCode: StatusCodes.Status503ServiceUnavailable);
            case OidcVerdict.Rejected:
                return TypedResults.Problem(title: "The ID token was not accepted.", detail: outcome.Reason, statusCode: StatusCodes.Status401Unauthorized);
            default:
                var (token, expiresAt) = issuer.Issue(ExternalUserIds.For(request.Provider!, outcome.Subject!), []);
                return TypedResults.Ok(new DevTokenResponse(token, expiresAt));
        }
    }

    /// <summary>The first thing wrong with the request's form, by field; null when it is one of the two forms, complete.</summary>
    private static ProblemHttpResult? Refusal(OidcSignInRequest request)
    {
        if (request.Nonce is { } nonce && (nonce.Length is 0 or > MaxNonceLength))
        {
            return Problems.Validation("nonce", $"The nonce the authorization request sent has 1 to {MaxNonceLength} characters.");
        }

        if (request.Code is null)
        {
            if (request.CodeVerifier is not null || request.RedirectUri is not null)
            {
                return Problems.Validation("code", "codeVerifier and redirectUri go with an authorization code; send the code too, or only the ID token.");
            }

            return string.IsNullOrEmpty(request.IdToken) || request.IdToken.Length > MaxIdTokenLength
                ? Problems.Validation("idToken", $"The ID token the provider issued at sign-in (at most {MaxIdTokenLength} characters), or an authorization code, is required.")
                : null;
        }

        if (request.IdToken is not null)
        {
            return Problems.Validation("idToken", "Send an ID token or an authorization code, not both.");
        }

        if (request.Code.Length is 0 or > MaxCodeLength)
        {
            return Problems.Validation("code", $"The authorization code has 1 to {MaxCodeLength} characters.");
        }

        if (request.CodeVerifier is null || !Pkce.IsVerifier(request.CodeVerifier))
        {
            return Problems.Validation("codeVerifier", "The PKCE code verifier is required with a code: 43 to 128 letters, digits or '-', '.', '_', '~' (RFC 7636).");
        }

        if (request.RedirectUri is null || request.RedirectUri.Length > MaxRedirectUriLength
            || !Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirect) || redirect.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(redirect.Fragment))
        {
            return Problems.Validation("redirectUri", $"The redirect URI the authorization request named is required with a code: an absolute http(s) URL without fragment, at most {MaxRedirectUriLength} characters.");
        }

        return request.Nonce is null
            ? Problems.Validation("nonce", "The nonce the authorization request sent is required with a code: it ties the ID token to this sign-in.")
            : null;
    }
}
