using Microsoft.Extensions.Options;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// The Api node's half of the overload gate; the silo's half is <c>PushLagGate</c>, which judges push lags.
/// This one sees what the silo cannot: a signal that waits in this node before its grain takes it, and a push that
/// waits between its publication and this node's relay (<see cref="Realtime.PushRelay"/>), where the push stream's
/// cache drops what waited longer than <c>Push:CacheAge</c>. It closes (<see cref="SignalIntake"/> answers 503 at
/// once, without a grain call) while most signals of the latest <c>Push:LagWindow</c> waited longer than
/// <c>Push:ShedAboveLag</c> for their grain's answer, or most pushes as long for their relay, and for one window
/// after a grain answered that its silo is shedding, so that a refusal costs the silos nothing. In a cluster that
/// closes the node for every user for that window, although only one silo may be behind: a short, bounded cost.
/// </summary>
public sealed class SignalDoor
{
    private readonly IOptions<OverloadOptions> _options;
    private readonly TimeProvider _time;
    private readonly LagVerdict _answers;
    private readonly LagVerdict _relays;
    private long _siloBusyAt = long.MinValue;

    public SignalDoor(IOptions<OverloadOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _answers = new LagVerdict(time, () => options.Value.LagWindow, () => options.Value.ShedAboveLag);
        _relays = new LagVerdict(time, () => options.Value.LagWindow, () => options.Value.ShedAboveLag);
    }

    /// <summary>The Retry-After to refuse a new signal with now, or null when the door is open.</summary>
    public TimeSpan? Closed()
    {
        var siloBusyAt = Interlocked.Read(ref _siloBusyAt);
        var siloBusy = siloBusyAt != long.MinValue && _time.GetElapsedTime(siloBusyAt) < _options.Value.LagWindow;
        return siloBusy || _answers.Behind || _relays.Behind ? _options.Value.ShedRetryAfter : null;
    }

    /// <summary>This node relayed a push <paramref name="delay"/> after its grain published it.</summary>
    public void Relayed(TimeSpan delay) => _relays.Record(delay);

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
