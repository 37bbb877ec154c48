using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OtMz.Api.Contracts;

namespace OtMz.Api.Auth;

/// <summary>
/// How an admin's browser opens the Orleans dashboard, which it reaches by navigation and so cannot send the
/// bearer header. The admin page calls POST /api/v1/auth/dashboard-session with its bearer token; the answer sets
/// a cookie holding a short-lived token of its own audience (<see cref="TokenIssuer.DashboardAudience"/>),
/// HttpOnly, SameSite=Strict and scoped to <see cref="Path"/>. <see cref="Handler"/> reads that cookie on the
/// dashboard's paths only, and only <see cref="AuthExtensions.DashboardPolicy"/> (the admin requirement, with this
/// scheme beside the bearer one) takes it: the cookie opens nothing else, and a bearer token still opens the dashboard.
/// </summary>
public static class DashboardSession
{
    public const string Scheme = "DashboardSession";
    public const string CookieName = "otmz.dashboard";

    /// <summary>Where the Api mounts the dashboard; the cookie is sent to nothing else.</summary>
    public const string Path = "/dashboard";

    /// <summary>Reads the session cookie on <see cref="Path"/>; anywhere else, or without the cookie, it has no opinion.</summary>
    public sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenIssuer issuer)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
                || Request.Cookies[CookieName] is not { Length: > 0 } token)
            {
                return AuthenticateResult.NoResult();
            }

            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, issuer.DashboardValidationParameters);
            if (!result.IsValid)
            {
                return AuthenticateResult.Fail("The dashboard session is not valid or has ended.");
            }

            var principal = new ClaimsPrincipal(result.ClaimsIdentity);
            if (!UserIds.IsValid(principal.FindFirstValue(JwtRegisteredClaimNames.Sub)))
            {
                return AuthenticateResult.Fail("The dashboard session's subject is not a user id.");
            }

            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }
    }

    internal static void AddTo(AuthenticationBuilder authentication) =>
        authentication.AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);

    internal static void AddPolicy(Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization) =>
        authorization.AddPolicy(AuthExtensions.DashboardPolicy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, Scheme)
            .RequireAuthenticatedUser()
            .RequireRole("admin"));

    /// <summary>Sets the cookie for the caller (an admin, checked by the route's policy); it ends with the bearer token at the latest.</summary>
    public static DashboardSessionResponse Open(HttpContext context, TokenIssuer issuer, AuthOptions options, TimeProvider time)
    {
        var user = context.User;
        var expires = time.GetUtcNow() + options.DashboardSessionLifetime;
        if (long.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Exp), out var bearerExpiry))
        {
            var bearerEnds = DateTimeOffset.FromUnixTimeSeconds(bearerExpiry);
            if (bearerEnds < expires)
            {
                expires = bearerEnds;
            }
        }

        var (token, expiresAt) = issuer.IssueDashboardSession(user.UserId(), expires);
        context.Response.Cookies.Append(CookieName, token, CookieOptions(context, expiresAt));
        return new DashboardSessionResponse(Path + "/", expiresAt);
    }

    /// <summary>Clears the cookie (a sign-out, or an admin done with the dashboard); the token in it also ends by itself.</summary>
    public static void Close(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, CookieOptions(context, null));

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        // Secure whenever the request came over TLS; a plain-http loopback run (tests, the embedded run) keeps working.
        Secure = context.Request.IsHttps,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };
}
