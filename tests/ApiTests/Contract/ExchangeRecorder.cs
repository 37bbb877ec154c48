using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OtMz.ApiTests.Contract;

/// <summary>One answer of the Api as the client received it, keyed by the route template that produced it.</summary>
public sealed record Exchange(string Method, string Template, string Path, int Status, string? MediaType, byte[] Body, long Length);

/// <summary>
/// Records what every ApiFactory host answers on its /api routes, for <see cref="OpenApiContractTests"/> to check
/// against the served document. It sits in front of the whole pipeline (an <see cref="IStartupFilter"/>), so it
/// sees the answers written by the exception handler, the status-code pages and the authentication challenge as
/// well as the handlers' own. The store is shared by every factory in the test run, and keeps a few exchanges per
/// (operation, status, content type) so a long run stays small.
/// </summary>
public static class ExchangeRecorder
{
    private const int KeptPerKind = 8;

    /// <summary>JSON bodies are kept whole up to this size for schema checks; pictures are only counted.</summary>
    private const int MaxKeptBody = 4 * 1024 * 1024;

    private static readonly ConcurrentDictionary<(string, string, int, string?), ConcurrentQueue<Exchange>> Kinds = new();

    public static IReadOnlyList<Exchange> All => [.. Kinds.Values.SelectMany(q => q)];

    internal static void Record(Exchange exchange)
    {
        var queue = Kinds.GetOrAdd((exchange.Method, exchange.Template, exchange.Status, exchange.MediaType), _ => new());
        if (queue.Count < KeptPerKind)
        {
            queue.Enqueue(exchange);
        }
    }

    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(RecordAsync);
            next(app);
        };
    }

    private static async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var tee = new TeeStream(original, MaxKeptBody);
        context.Response.Body = tee;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        // A request the client gave up on (the importer's cancellations) has no answer anyone received.
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // The exception handler clears the endpoint before it writes its answer, and keeps the original one in its feature.
        if ((context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint) is RouteEndpoint endpoint)
        {
            var mediaType = context.Response.ContentType is { } type ? type.Split(';')[0].Trim() : null;
            var json = mediaType is not null && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal));
            Record(new Exchange(context.Request.Method, TemplateOf(endpoint), context.Request.Path + context.Request.QueryString,
                context.Response.StatusCode, mediaType, json ? tee.Kept : [], tee.Written));
        }
    }

    /// <summary>"/api/v1/looks/" and "/api/v1/looks/{id:int}" as the document writes them: no trailing slash, no constraints.</summary>
    private static string TemplateOf(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    /// <summary>Passes every write through and keeps a copy of the first bytes.</summary>
    private sealed class TeeStream(Stream inner, int keep) : Stream
    {
        private readonly MemoryStream _kept = new();

        public byte[] Kept => _kept.ToArray();

        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            Written += bytes.Length;
            var room = keep - (int)_kept.Length;
            if (room > 0)
            {
                _kept.Write(bytes[..Math.Min(room, bytes.Length)]);
            }
        }
    }
}
