namespace OtMz.LoadGenerator;

/// <summary>
/// What became of every scheduled signal, in flat arrays indexed by its sequence number: the user it went to, when
/// it was sent and acknowledged (<see cref="System.Diagnostics.Stopwatch"/> timestamps), the version its
/// acknowledgement named, and its outcome. Signals <c>0 .. WarmupCount - 1</c> are the warm-up. Once frozen (the
/// grace is over) late acknowledgements are ignored, so the analysis reads a log that no longer changes.
/// </summary>
public sealed class SignalLog(long total, long warmupCount)
{
    private readonly long[] _sendTs = new long[total];
    private readonly long[] _ackTs = new long[total];
    private readonly long[] _ackVersion = new long[total];
    private readonly int[] _user = new int[total];
    private readonly SignalOutcome[] _outcome = new SignalOutcome[total];
    private long _outstanding;
    private volatile bool _frozen;

    public long Total { get; } = total;

    public long WarmupCount { get; } = warmupCount;

    public bool Frozen => _frozen;

    /// <summary>Signals sent and not yet answered (acknowledged, refused or failed).</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    public SignalOutcome Outcome(long seq) => _outcome[seq];

    public int User(long seq) => _user[seq];

    public long SentAt(long seq) => _sendTs[seq];

    public long AcknowledgedAt(long seq) => _ackTs[seq];

    public long AcknowledgedVersion(long seq) => _ackVersion[seq];

    public void Sent(long seq, int user, long timestamp)
    {
        _user[seq] = user;
        _outcome[seq] = SignalOutcome.Pending;
        Interlocked.Increment(ref _outstanding);
        _sendTs[seq] = timestamp;
    }

    /// <summary>Records the acknowledgement; false when the log is frozen and it was ignored.</summary>
    public bool Acknowledged(long seq, long timestamp, bool accepted, long version)
    {
        if (_frozen)
        {
            return false;
        }

        _ackTs[seq] = timestamp;
        if (accepted)
        {
            _ackVersion[seq] = version;
            _outcome[seq] = SignalOutcome.Accepted;
        }
        else
        {
            _outcome[seq] = SignalOutcome.Duplicate;
        }

        return true;
    }

    /// <summary>Records a refusal or a failure; false when the log is frozen and it was ignored.</summary>
    public bool Ended(long seq, SignalOutcome outcome)
    {
        if (_frozen)
        {
            return false;
        }

        _outcome[seq] = outcome;
        return true;
    }

    /// <summary>The signal's call returned, whatever its outcome.</summary>
    public void Answered() => Interlocked.Decrement(ref _outstanding);

    public void Freeze() => _frozen = true;

    public long CountSent() => _outcome.LongCount(o => o != SignalOutcome.NotSent);
}

public enum SignalOutcome : byte
{
    NotSent,
    Pending,
    Accepted,
    Duplicate,
    Rejected,
    Failed,

    /// <summary>Refused with 503 by the overload gate: the platform said it was behind, which is not an error.</summary>
    Busy,
}
