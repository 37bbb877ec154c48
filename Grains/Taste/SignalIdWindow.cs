using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OtMz.Grains.Taste;

/// <summary>
/// The dedupe window: the most recent signal ids of one user, so that a redelivered signal is acknowledged and
/// ignored. It keeps a 64-bit hash of each id (XxHash3 of its UTF-16 code units as little-endian bytes, which is
/// how every platform the service runs on lays them out), oldest forgotten first, in one byte array that the
/// state's serializer writes as a single block.
/// </summary>
/// <remarks>
/// The window is written with the user's state on every signal. Kept as strings, a full window of 4,096
/// 36-character ids made a state write take 1.87 ms and 171 KB; as hashes, 0.29 ms and 48 KB, of which the window
/// is 32 KB (bench/Benchmarks UserStateBenchmarks, docs/benchmarks.md). A new id is wrongly taken for a duplicate
/// only if its hash equals one of the n in the window, a chance of n / 2⁶⁴ (about 2.2 × 10⁻¹⁶ for 4,096).
/// </remarks>
[GenerateSerializer, Alias("otmz.signal-id-window")]
public sealed class SignalIdWindow
{
    private const int SlotSize = sizeof(ulong);
    private const int FirstSlots = 16;

    /// <summary>A ring of hashes, <see cref="SlotSize"/> bytes each, little-endian; it grows up to the capacity.</summary>
    [Id(0)]
    private byte[] _slots = [];

    /// <summary>The slot the next id goes into; once the ring is full, also the oldest id's slot.</summary>
    [Id(1)]
    private int _next;

    [Id(2)]
    private int _count;

    [NonSerialized]
    private HashSet<ulong>? _index;

    public int Count => _count;

    private int SlotCount => _slots.Length / SlotSize;

    private HashSet<ulong> Index => _index ??= [.. Oldest()];

    private static ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    public bool Contains(string id) => Index.Contains(Hash(id));

    /// <summary>Adds <paramref name="id"/> unless present, forgetting the oldest ids beyond <paramref name="capacity"/>.</summary>
    public bool Add(string id, int capacity)
    {
        var hash = Hash(id);
        if (Index.Contains(hash))
        {
            return false;
        }

        capacity = Math.Max(1, capacity);
        if (SlotCount > capacity || (_count == SlotCount && SlotCount < capacity))
        {
            Relayout(Math.Min(capacity, Math.Max(FirstSlots, 2 * SlotCount)));
        }

        if (_count == SlotCount)
        {
            Index.Remove(Slot(_next));
        }
        else
        {
            _count++;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(_slots.AsSpan(_next * SlotSize, SlotSize), hash);
        _next = (_next + 1) % SlotCount;
        Index.Add(hash);
        return true;
    }

    /// <summary>The hashes held, oldest first.</summary>
    private IEnumerable<ulong> Oldest()
    {
        var start = _count == SlotCount ? _next : 0;
        for (var i = 0; i < _count; i++)
        {
            yield return Slot((start + i) % SlotCount);
        }
    }

    private ulong Slot(int slot) => BinaryPrimitives.ReadUInt64LittleEndian(_slots.AsSpan(slot * SlotSize, SlotSize));

    /// <summary>Copies the newest ids, oldest first, into a ring of <paramref name="slots"/> slots.</summary>
    private void Relayout(int slots)
    {
        var kept = Oldest().Skip(Math.Max(0, _count - slots)).ToArray();
        _slots = new byte[slots * SlotSize];
        for (var i = 0; i < kept.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_slots.AsSpan(i * SlotSize, SlotSize), kept[i]);
        }

        if (kept.Length < _count)
        {
            _index = [.. kept];
        }

        _count = kept.Length;
        _next = kept.Length % slots;
    }
}
