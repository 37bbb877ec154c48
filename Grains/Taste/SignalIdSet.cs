using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OtMz.Grains.Taste;

/// <summary>
/// The signal ids one user sent within the retention period (<see cref="TasteOptions.SignalIdRetention"/>), so that
/// a retried signal is acknowledged and ignored however many others arrived in between. The user grain forgets what
/// has aged out before each batch and refuses new signals past the quota (<see cref="TasteOptions.SignalQuota"/>)
/// rather than forget an id early; this set only keeps the ids and says when room frees up.
/// </summary>
/// <remarks>
/// <para>Each id is kept as a 64-bit hash (XxHash3 of its UTF-16 code units as little-endian bytes),
/// in arrival order, in one byte array; the arrival times are kept as runs of whole
/// minutes (the minute, and how many of the hashes, in order, arrived in it). An id is forgotten once its minute
/// ended a full retention ago, so it is kept at least the retention and at most a minute longer, and whole minutes
/// are dropped from the front together. Both arrays are stored as exactly their used bytes.</para>
/// <para>Cost: the state is written on every signal, so the set is 8 bytes per id plus 8 per minute with an
/// arrival. At the default quota of 20,000 per 24 hours that is at most 160,000 + 1,441 × 8 = 171,528 bytes;
/// a user who sent 500 signals in 40 different minutes of the last day stores 4,320. With 4,096 ids spread over
/// the day, a full user state is 60,004 bytes and one signal's write took a median 217 µs, as the previous
/// 4,096-id ring's 48,480 bytes took 226 µs in the same run; at the quota, 187,236 bytes and 393 µs (ids kept as
/// strings: 171,356 bytes and 993 µs; bench/Benchmarks UserStateBenchmarks, docs/security.md). In
/// memory an activation also holds the hashes' room to grow and a hash index, 30-56 bytes per id in all (at most
/// about 1.1 MB at the quota). A new id is wrongly taken for a duplicate only if its hash equals one of the n held,
/// a chance of n / 2⁶⁴ (about 1.1 × 10⁻¹⁵ at 20,000).</para>
/// </remarks>
[GenerateSerializer, Alias("otmz.signal-id-set")]
public sealed class SignalIdSet
{
    private const int HashSize = sizeof(ulong);
    private const int RunSize = 2 * sizeof(int);
    private const int FirstSlots = 16;

    // Stored through StoredHashes and StoredRuns, as exactly their used bytes; the array keeps room to grow.
    [NonSerialized]
    private byte[] _hashes = [];

    [NonSerialized]
    private int _count;

    /// <summary>Arrival minutes, oldest first; in order, they cover the hashes in order.</summary>
    [NonSerialized]
    private readonly List<Run> _runs = [];

    [NonSerialized]
    private HashSet<ulong>? _index;

    public int Count => _count;

    /// <summary>The hashes, oldest first, <see cref="HashSize"/> bytes each, little-endian.</summary>
    [Id(0)]
    internal ReadOnlyMemory<byte> StoredHashes
    {
        get => _hashes.AsMemory(0, _count * HashSize);
        set
        {
            _hashes = value.ToArray();
            _count = _hashes.Length / HashSize;
            _index = null;
        }
    }

    /// <summary>The runs, oldest first, <see cref="RunSize"/> bytes each: the minute since the Unix epoch, then the count.</summary>
    [Id(1)]
    internal ReadOnlyMemory<byte> StoredRuns
    {
        get
        {
            var bytes = new byte[_runs.Count * RunSize];
            for (var i = 0; i < _runs.Count; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * RunSize), _runs[i].Minute);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * RunSize + sizeof(int)), _runs[i].Count);
            }

            return bytes;
        }
        set
        {
            _runs.Clear();
            var bytes = value.Span;
            for (var offset = 0; offset + RunSize <= bytes.Length; offset += RunSize)
            {
                _runs.Add(new Run(BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[(offset + sizeof(int))..])));
            }
        }
    }

    private HashSet<ulong> Index => _index ??= Build();

    public static ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    public bool Contains(string id) => Index.Contains(Hash(id));

    /// <summary>Adds <paramref name="id"/> as arriving at <paramref name="now"/> unless present; the caller keeps to its quota.</summary>
    public bool Add(string id, DateTimeOffset now)
    {
        var hash = Hash(id);
        if (!Index.Add(hash))
        {
            return false;
        }

        if (_count * HashSize == _hashes.Length)
        {
            Array.Resize(ref _hashes, Math.Max(FirstSlots, 2 * _count) * HashSize);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(_hashes.AsSpan(_count * HashSize), hash);
        _count++;

        // A clock that stepped back puts the id in the newest minute, which only keeps it longer.
        var minute = MinuteOf(now);
        if (_runs.Count > 0 && _runs[^1].Minute >= minute)
        {
            _runs[^1] = _runs[^1] with { Count = _runs[^1].Count + 1 };
        }
        else
        {
            _runs.Add(new Run(minute, 1));
        }

        return true;
    }

    /// <summary>Forgets the ids whose arrival minute ended at least <paramref name="retention"/> before <paramref name="now"/>.</summary>
    public void Forget(DateTimeOffset now, TimeSpan retention)
    {
        var runs = 0;
        var ids = 0;
        while (runs < _runs.Count && ForgottenAt(_runs[runs], retention) <= now)
        {
            ids += _runs[runs].Count;
            runs++;
        }

        if (runs == 0)
        {
            return;
        }

        if (_index is { } index)
        {
            for (var i = 0; i < ids; i++)
            {
                index.Remove(HashAt(i));
            }
        }

        _hashes.AsSpan(ids * HashSize, (_count - ids) * HashSize).CopyTo(_hashes);
        _count -= ids;
        _runs.RemoveRange(0, runs);
    }

    /// <summary>
    /// How long until <paramref name="more"/> new ids fit within <paramref name="quota"/>, as the oldest age out;
    /// zero if they fit now. Expects <see cref="Forget"/> to have run at <paramref name="now"/>.
    /// </summary>
    public TimeSpan UntilRoomFor(int more, int quota, DateTimeOffset now, TimeSpan retention)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(more, quota);
        var excess = _count + more - quota;
        foreach (var run in _runs)
        {
            if (excess <= 0)
            {
                break;
            }

            excess -= run.Count;
            if (excess <= 0)
            {
                var wait = ForgottenAt(run, retention) - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return TimeSpan.Zero;
    }

    private static int MinuteOf(DateTimeOffset time) => (int)(time.ToUnixTimeSeconds() / 60);

    private static DateTimeOffset ForgottenAt(Run run, TimeSpan retention) =>
        DateTimeOffset.FromUnixTimeSeconds((run.Minute + 1L) * 60) + retention;

    private ulong HashAt(int i) => BinaryPrimitives.ReadUInt64LittleEndian(_hashes.AsSpan(i * HashSize, HashSize));

    private HashSet<ulong> Build()
    {
        var index = new HashSet<ulong>(_count);
        for (var i = 0; i < _count; i++)
        {
            index.Add(HashAt(i));
        }

        return index;
    }

    private readonly record struct Run(int Minute, int Count);
}
