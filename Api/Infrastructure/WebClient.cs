using Microsoft.Extensions.FileProviders;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// Serves the web client (web/, built into the output folder's webclient/ by Api/WebClient.targets) at /: its files
/// as static files, and index.html for any other GET of a path that no endpoint took, so the app's own paths load
/// on a reload. The Api's own prefixes are never answered with the app: an unknown /api route still gets its 404
/// Problem Details. An Api built without the client (OtMzSkipWebClient) serves none of this. The bundles go out
/// compressed when the browser takes it (<see cref="PrecompressedAssets"/>).
/// </summary>
internal static class WebClient
{
    public const string Folder = "webclient";

    /// <summary>Paths that belong to the Api, its hub and its operator routes, never to the app.</summary>
    public static readonly string[] ReservedPrefixes = ["/api", "/hubs", "/health", "/metrics", "/docs", "/openapi", "/dashboard"];

    public static WebApplication UseOtMzWebClient(this WebApplication app)
    {
        var root = app.Configuration["WebClient:Root"] ?? Path.Combine(AppContext.BaseDirectory, Folder);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogInformation("No web client in {Root}: / is not served.", root);
            return app;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        var index = files.GetFileInfo("index.html");
        app.Use((context, next) =>
        {
            PrecompressedAssets.Choose(context, files);
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new PrecompressedAssets.ContentTypes(),
            OnPrepareResponse = c =>
            {
                // Vite names the bundles by their content hash, so they never change; index.html names the current ones.
                c.Context.Response.Headers.CacheControl = c.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
                PrecompressedAssets.Label(c.Context);
            },
        });
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && IsAppPath(context.Request))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers.CacheControl = "no-cache";
                if (HttpMethods.IsHead(context.Request.Method))
                {
                    context.Response.ContentLength = index.Length;
                    return;
                }

                await context.Response.SendFileAsync(index, context.RequestAborted);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>A GET or HEAD of an app path: not under a reserved prefix and not a file name (a missing asset stays 404).</summary>
    public static bool IsAppPath(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !ReservedPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && !Path.HasExtension(request.Path.Value);
}
