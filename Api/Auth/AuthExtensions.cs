using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OtMz.Api.Contracts;

namespace OtMz.Api.Auth;

/// <summary>
/// Wires authentication: JwtBearer checks OtMz tokens signed by <see cref="TokenIssuer"/> on every route and on
/// the hub, <see cref="OidcSignIn"/> checks provider ID tokens for the sign-in route, and the "Auth" section is
/// validated when the host starts.
/// </summary>
public static class AuthExtensions
{
    public const string AdminPolicy = "admin";

    /// <summary>The admin requirement for the Orleans dashboard, which also takes the dashboard session cookie (<see cref="DashboardSession"/>).</summary>
    public const string DashboardPolicy = "dashboard";

    public static IServiceCollection AddOtMzAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection("Auth")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<OidcSignIn>();
        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        DashboardSession.AddTo(authentication);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenIssuer>((jwt, issuer) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = issuer.ValidationParameters;
                jwt.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSocket requests, so the hub takes the token from the query.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    // Every route and the hub take the subject as the user id: a signed token without a usable one is
                    // refused here (401), before anything reads it.
                    OnTokenValidated = context =>
                    {
                        if (!UserIds.IsValid(context.Principal?.FindFirstValue(JwtRegisteredClaimNames.Sub)))
                        {
                            context.Fail("The token's subject is missing or is not a user id.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole("admin"));
        DashboardSession.AddPolicy(authorization);
        return services;
    }

    /// <summary>The caller's user id: the token's subject, which OnTokenValidated has checked.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("An authenticated user has a subject.");

    /// <summary>Dev tokens are issued only in the Development environment, and only when Auth:DevTokens is on.</summary>
    public static bool DevTokensEnabled(this IServiceProvider services) =>
        services.GetRequiredService<IHostEnvironment>().IsDevelopment()
        && services.GetRequiredService<IOptions<AuthOptions>>().Value.DevTokens;
}
