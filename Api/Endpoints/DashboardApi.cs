using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OtMz.Api.Auth;
using OtMz.Api.Contracts;
using OtMz.Hosting;

namespace OtMz.Api.Endpoints;

/// <summary>
/// The Orleans dashboard at /dashboard/ (its page, assets and JSON, served by the Microsoft.Orleans.Dashboard
/// package from the silos' dashboard grains, OtMzDashboard in Hosting) behind <see cref="AuthExtensions.DashboardPolicy"/>,
/// and the route that opens a browser session for it (<see cref="DashboardSession"/>). Not in the OpenAPI
/// document: the dashboard's JSON is the package's, for its own page.
/// </summary>
public static class DashboardApi
{
    public const string SessionPath = "/api/v1/auth/dashboard-session";

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!OtMzDashboard.Enabled(configuration))
        {
            return app;
        }

        app.MapPost(SessionPath, Open)
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithTags("Identity")
            .WithName("OpenDashboardSession")
            .WithSummary("Sets the Orleans dashboard's session cookie for the calling admin (HttpOnly, SameSite=Strict, path /dashboard, short-lived), so a browser tab can open /dashboard/.");
        app.MapDelete(SessionPath, Close)
            .RequireAuthorization()
            .WithTags("Identity")
            .WithName("CloseDashboardSession")
            .WithSummary("Clears the Orleans dashboard's session cookie.");
        app.MapOrleansDashboard(DashboardSession.Path)
            .RequireAuthorization(AuthExtensions.DashboardPolicy)
            .ExcludeFromDescription();
        return app;
    }

    public static Ok<DashboardSessionResponse> Open(HttpContext context, TokenIssuer issuer, IOptions<AuthOptions> options, TimeProvider time) =>
        TypedResults.Ok(DashboardSession.Open(context, issuer, options.Value, time));

    public static NoContent Close(HttpContext context)
    {
        DashboardSession.Close(context);
        return TypedResults.NoContent();
    }
}
