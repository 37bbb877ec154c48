using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// The token buckets, one partitioned limiter per <see cref="RequestClass"/>, keyed by user or address. A singleton:
/// the rate-limiting middleware reaches it through <see cref="RequestRateLimiter"/> and the hub's SendSignal calls
/// it directly, so a user's REST and hub signals draw on the same bucket. Buckets that have been full for a while
/// are dropped by the limiter, so memory follows the active users, not every user ever seen.
/// </summary>
public sealed class RateLimitBuckets : IDisposable
{
    private readonly Dictionary<RequestClass, PartitionedRateLimiter<string>> _limiters;

    public RateLimitBuckets(IOptions<RateLimitsOptions> options)
    {
        _limiters = Enum.GetValues<RequestClass>().ToDictionary(kind => kind, kind => Create(options.Value.For(kind)));
    }

    public PartitionedRateLimiter<string> For(RequestClass kind) => _limiters[kind];

    /// <summary>Takes one token from <paramref name="key"/>'s bucket of <paramref name="kind"/>; the lease says whether it got one.</summary>
    public RateLimitLease AttemptAcquire(RequestClass kind, string key) => _limiters[kind].AttemptAcquire(key);

    /// <summary>Whole seconds a refused client should wait (at least 1), from the lease's own estimate.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? (int)Math.Min(int.MaxValue, Math.Ceiling(retryAfter.TotalSeconds))
            : 1;

    public static string RetryAfterHeader(RateLimitLease lease) => RetryAfterSeconds(lease).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static PartitionedRateLimiter<string> Create(TokenBucketSettings settings) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.TokenLimit,
            TokensPerPeriod = settings.TokensPerPeriod,
            ReplenishmentPeriod = settings.ReplenishmentPeriod,
            QueueLimit = 0,
        }), StringComparer.Ordinal);
}

/// <summary>
/// The middleware's global limiter: finds the request's class and key (<see cref="RequestClasses.Classify"/>) and
/// takes the token from <see cref="RateLimitBuckets"/>. Requests of no class get a lease that always succeeds.
/// </summary>
internal sealed class RequestRateLimiter(RateLimitBuckets buckets) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) =>
        RequestClasses.Classify(resource) is (var kind, var key) ? buckets.For(kind).GetStatistics(key) : null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        RequestClasses.Classify(resource) is (var kind, var key) ? buckets.For(kind).AttemptAcquire(key, permitCount) : Unlimited.Lease;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        RequestClasses.Classify(resource) is (var kind, var key)
            ? buckets.For(kind).AcquireAsync(key, permitCount, cancellationToken)
            : ValueTask.FromResult<RateLimitLease>(Unlimited.Lease);

    private sealed class Unlimited : RateLimitLease
    {
        public static readonly Unlimited Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
