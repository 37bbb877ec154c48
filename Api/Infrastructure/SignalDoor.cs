using Microsoft.Extensions.Options;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// The Api node's half of the overload gate; the silo's half is <c>PushLagGate</c>, which judges push lags.
/// This one sees what the silo cannot: a signal that waits in this node before its grain takes it. It closes
/// (<see cref="SignalIntake"/> answers 503 at once, without a grain call) while most signals of the latest
/// <c>Push:LagWindow</c> waited longer than <c>Push:ShedAboveLag</c> for their grain's answer, and for one window
/// after a grain answered that its silo is shedding, so that a refusal costs the silos nothing. In a cluster that
/// closes the node for every user for that window, although only one silo may be behind: a short, bounded cost.
/// How late pushes reach this node's relay is not judged: it also spikes while a thousand clients connect, at a
/// rate the platform sustains.
/// </summary>
public sealed class SignalDoor
{
    private readonly IOptions<OverloadOptions> _options;
    private readonly TimeProvider _time;
    private readonly LagVerdict _answers;
    private long _siloBusyAt = long.MinValue;

    public SignalDoor(IOptions<OverloadOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _answers = new LagVerdict(time, () => options.Value.LagWindow, () => options.Value.ShedAboveLag);
    }

    /// <summary>The Retry-After to refuse a new signal with now, or null when the door is open.</summary>
    public TimeSpan? Closed()
    {
        var siloBusyAt = Interlocked.Read(ref _siloBusyAt);
        var siloBusy = siloBusyAt != long.MinValue && _time.GetElapsedTime(siloBusyAt) < _options.Value.LagWindow;
        return siloBusy || _answers.Behind ? _options.Value.ShedRetryAfter : null;
    }

    /// <summary>
    /// A batch of <paramref name="signals"/> through the door: a closed door answers as a shedding grain would, without
    /// the call; an open one times the grain's answer for its next verdict. Both REST doors and the hub come this way.
    /// </summary>
    public async Task<SignalBatchResult> PassAsync(int signals, Func<Task<SignalBatchResult>> apply)
    {
        if (Closed() is { } closed)
        {
            OtMzMetrics.SignalsShed.Add(signals);
            return SignalBatchResult.Shed(closed);
        }

        var asked = _time.GetTimestamp();
        var result = await apply();
        Answered(_time.GetElapsedTime(asked), shed: result.ShedRetryAfter is not null);
        return result;
    }

    /// <summary>A grain answered after <paramref name="wait"/>; <paramref name="shed"/> when it said its silo is behind.</summary>
    public void Answered(TimeSpan wait, bool shed)
    {
        if (shed)
        {
            Interlocked.Exchange(ref _siloBusyAt, _time.GetTimestamp());
            return;
        }

        _answers.Record(wait);
    }
}
