using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using OtMz.Api.Auth;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// Security headers on every response the Api sends, errors and health probes included: they are added when the
/// response starts, so whatever wrote it (an endpoint, the exception handler, the status-code pages, the rate
/// limiter) gets them. Responses of routes that need a token are also marked <c>private, no-store</c> unless the
/// route set its own Cache-Control, so no shared cache or browser disk keeps a user's data or closet photos.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string DocsPath = "/docs";

    /// <summary>
    /// The Swagger UI at /docs sets inline style attributes and shows its icons as data: images (a browser under the
    /// default policy refuses both and draws a broken page); it is the only page that gets these relaxations, and it
    /// loads no script but its own files.
    /// </summary>
    public const string DocsPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The Orleans dashboard at /dashboard draws with inline style attributes, a style element of its chart library
    /// and data: images and fonts in its stylesheet; it runs no script but its own bundle, so script-src stays 'self'.
    /// </summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>
    /// What a same-origin web client needs: its own scripts, styles and fonts; images from itself and from data: and
    /// blob: URLs (previews of a photo before upload); fetches to itself and the hub's WebSocket on the same host.
    /// Nothing may frame it, and it posts forms nowhere else.
    /// </summary>
    public static string PolicyFor(HostString host)
    {
        // 'self' covers ws:/wss: on the same host in CSP 3 browsers; naming them keeps older ones working. A Host
        // that is not a plain host[:port] is left out rather than written into a header.
        var socket = host.HasValue && host.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? $" ws://{host.Value} wss://{host.Value}"
            : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
            $"connect-src 'self'{socket}; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy =
            context.Request.Path.StartsWithSegments(DocsPath) ? DocsPolicy
            : context.Request.Path.StartsWithSegments(DashboardSession.Path) ? DashboardPolicy
            : PolicyFor(context.Request.Host);
        if (!headers.ContainsKey(HeaderNames.CacheControl) && NeedsAToken(context.GetEndpoint()))
        {
            headers.CacheControl = "private, no-store";
        }
    }

    private static bool NeedsAToken(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
}
