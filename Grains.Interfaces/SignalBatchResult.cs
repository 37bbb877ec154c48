using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A batch is applied whole or not at all: either <see cref="Ack"/> is set, or <see cref="Errors"/> says why
/// nothing changed, or <see cref="QuotaExceeded"/> says that the user's signal quota has no room for it yet, or
/// <see cref="ShedRetryAfter"/> says that the silo is overloaded and the client should come back after that wait.
/// <see cref="NotFound"/> marks errors that name something unknown, as opposed to a signal of the wrong shape.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.signal-batch-result")]
public sealed record SignalBatchResult(
    [property: Id(0)] SignalAck? Ack,
    [property: Id(1)] ImmutableArray<FieldError> Errors,
    [property: Id(2)] bool NotFound = false,
    [property: Id(3)] SignalQuotaExceeded? QuotaExceeded = null,
    [property: Id(4)] TimeSpan? ShedRetryAfter = null)
{
    public static SignalBatchResult Accepted(SignalAck ack) => new(ack, []);

    public static SignalBatchResult Rejected(ImmutableArray<FieldError> errors, bool notFound) => new(null, errors, notFound);

    public static SignalBatchResult Refused(SignalQuotaExceeded quota) => new(null, [], QuotaExceeded: quota);

    /// <summary>Refused because the silo is behind on its pushes (503): nothing applied, try again after the wait.</summary>
    public static SignalBatchResult Shed(TimeSpan retryAfter) => new(null, [], ShedRetryAfter: retryAfter);
}
