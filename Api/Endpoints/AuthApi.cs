using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

public static class AuthApi
{
    private static readonly string[] KnownRoles = ["admin"];

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/dev-token", IssueDevToken)
            .AllowAnonymous()
            .RateLimitedAs(RequestClass.DevTokens)
            .WithTags("Identity")
            .WithName("IssueDevToken")
            .WithSummary("Issues a token for any user id. Only when dev tokens are enabled (the embedded run); 404 otherwise.");
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
        if (roles.FirstOrDefault(r => !KnownRoles.Contains(r)) is { } unknown)
        {
            return Problems.Validation("roles", $"Unknown role '{unknown}'; the only role is 'admin'.");
        }

        var (token, expiresAt) = issuer.Issue(request.UserId!, roles);
        return TypedResults.Ok(new DevTokenResponse(token, expiresAt));
    }
}
