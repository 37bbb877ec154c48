using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// The web client's bundles come with Brotli and gzip copies made at build time (web/vite.config.ts writes
/// "x.js.br" and "x.js.gz" beside "x.js"). Before <see cref="WebClient"/>'s static file middleware runs, a request
/// for a file that has such copies is pointed at the one its Accept-Encoding takes (Brotli first); the response then
/// says Content-Encoding, keeps the original's Content-Type, and says Vary: Accept-Encoding whichever copy went out.
/// Only these files are compressed: no API response is, so no token or user data is ever compressed next to
/// something an attacker chose (BREACH), and the hub's messages are SignalR's business.
/// </summary>
internal static class PrecompressedAssets
{
    private static readonly (string Token, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>Points a GET or HEAD of a file with compressed copies at the copy the client accepts, if any.</summary>
    public static void Choose(HttpContext context, IFileProvider files)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Path.Value is not { Length: > 1 } path
            || !Path.HasExtension(path) || WebClient.ReservedPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var hasCopies = false;
        foreach (var (token, suffix) in Encodings)
        {
            if (!files.GetFileInfo(path + suffix).Exists)
            {
                continue;
            }

            hasCopies = true;
            if (Accepts(request, token))
            {
                request.Path = new PathString(path + suffix);
                break;
            }
        }

        if (hasCopies)
        {
            // Caches must key this URL's answers by Accept-Encoding, the plain one included.
            context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        }
    }

    /// <summary>Sets Content-Encoding when the file going out is a compressed copy (chosen by <see cref="Choose"/>, or asked for by name).</summary>
    public static void Label(HttpContext context)
    {
        foreach (var (token, suffix) in Encodings)
        {
            if (context.Request.Path.Value?.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) == true)
            {
                context.Response.Headers.ContentEncoding = token;
            }
        }
    }

    /// <summary>The copy's Content-Type is its original's: "x.js.br" is JavaScript.</summary>
    public sealed class ContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _inner = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, suffix) in Encodings)
            {
                if (subpath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return _inner.TryGetContentType(subpath[..^suffix.Length], out contentType!);
                }
            }

            return _inner.TryGetContentType(subpath, out contentType!);
        }
    }

    /// <summary>Whether Accept-Encoding names <paramref name="token"/> (or *) with a quality above zero.</summary>
    private static bool Accepts(HttpRequest request, string token)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        var named = accepted.FirstOrDefault(e => e.Value.Equals(token, StringComparison.OrdinalIgnoreCase))
            ?? accepted.FirstOrDefault(e => e.Value.Equals("*", StringComparison.Ordinal));
        return named is not null && (named.Quality ?? 1) > 0;
    }
}
