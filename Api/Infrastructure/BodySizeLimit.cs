using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace OtMz.Api.Infrastructure;

/// <summary>The "BodyLimits" settings: the body-size limit of every route that does not set its own.</summary>
public sealed class BodyLimitsOptions
{
    public const string Section = "BodyLimits";

    public long DefaultMaxBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// A body-size limit on every route: the route's own <see cref="IRequestSizeLimitMetadata"/> (signal batches,
/// uploads) or <see cref="BodyLimitsOptions.DefaultMaxBytes"/>. A declared length over it is refused with 413
/// before anything is read. A body without one (chunked) is cut off at the limit as it is read: by the server
/// where it can (Kestrel) and by a counting stream on any server, so that the tests' in-memory server behaves
/// like Kestrel. The reader's <see cref="BadHttpRequestException"/> becomes the same 413 Problem Details,
/// through <see cref="ProblemExceptionHandler"/> or the status-code pages.
/// </summary>
internal sealed class BodySizeLimit(RequestDelegate next, IOptions<BodyLimitsOptions> options, IProblemDetailsService problems)
{
    /// <summary>SignalR's long-polling and server-sent-events clients POST whatever they have queued, up to their 1 MB transport buffer.</summary>
    public const long HubTransportMaxBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<HubMetadata>() is not null)
        {
            // Hub messages have their own size limit (HubOptions.MaximumReceiveMessageSize); this only bounds a transport request.
            SetServerLimit(context, HubTransportMaxBytes);
            return next(context);
        }

        var max = endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } own ? own.MaxRequestBodySize : options.Value.DefaultMaxBytes;
        if (max is not { } limit)
        {
            return next(context);
        }

        if (context.Request.ContentLength > limit)
        {
            return RefuseAsync(context, limit);
        }

        SetServerLimit(context, limit);
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: false })
        {
            context.Request.Body = new CappedReadStream(context.Request.Body, limit);
        }

        return next(context);
    }

    public static string TooLarge(long limit) => $"The request body is larger than this route's limit of {limit} bytes.";

    private static void SetServerLimit(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit;
        }
    }

    private async Task RefuseAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
                Title = "The request body is too large.",
                Detail = TooLarge(limit),
            },
        });
    }

    /// <summary>Reads at most one byte past the limit from the body it wraps, then throws as Kestrel does.</summary>
    private sealed class CappedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Allowed(count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Allowed(int count) => (int)Math.Min(count, limit - _read + 1);

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new BadHttpRequestException(TooLarge(limit), StatusCodes.Status413PayloadTooLarge) : read;
        }
    }
}
