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
        app.MapPost("/api/v1/auth/oidc", SignInWithOidc)
            .AllowAnonymous()
            .WithTags("Identity")
            .WithName("SignInWithOidc")
            .WithSummary("Exchanges an ID token from a configured OpenID Connect provider (e.g. Kakao) for an OtMz token; the user id is derived from the provider's subject.")
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

    public static async Task<Results<Ok<DevTokenResponse>, ProblemHttpResult>> SignInWithOidc(
        OidcSignIn oidc, TokenIssuer issuer, OidcSignInRequest request, CancellationToken cancellationToken)
    {
        if (!oidc.Knows(request.Provider))
        {
            var known = oidc.ProviderNames.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", oidc.ProviderNames.Order(StringComparer.Ordinal));
            return Problems.Validation("provider", $"Unknown sign-in provider ({known}).");
        }

        if (string.IsNullOrEmpty(request.IdToken) || request.IdToken.Length > MaxIdTokenLength)
        {
            return Problems.Validation("idToken", $"The ID token the provider issued at sign-in is required, at most {MaxIdTokenLength} characters.");
        }

        var outcome = await oidc.CheckAsync(request.Provider!, request.IdToken, cancellationToken);
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
}
