using System.Buffers.Binary;

namespace OtMz.Grains.Taste;

/// <summary>
/// The dedupe window as states kept it before <see cref="SignalIdSet"/>: a ring of the last 4,096 signal-id hashes
/// with no arrival times. It is only read, so that a state written then moves its hashes into the set (as arriving
/// on the first load after the change, <see cref="Users.UserState.SignalIdsAt"/>); nothing writes one any more.
/// </summary>
[GenerateSerializer, Alias("otmz.signal-id-window")]
public sealed class SignalIdWindow
{
    private const int SlotSize = sizeof(ulong);

    /// <summary>Hashes, <see cref="SlotSize"/> bytes each, little-endian; the first <see cref="_count"/> slots are used.</summary>
    [Id(0)]
    private byte[] _slots = [];

    // Field 1, the ring's next slot, is skipped when read: every hash moves with the same arrival time, so the
    // order no longer matters.
    [Id(2)]
    private int _count;

    public int Count => _count;

    /// <summary>A window holding <paramref name="ids"/>, laid out as states before the change held them (for tests of the move).</summary>
    public static SignalIdWindow Of(IReadOnlyCollection<string> ids)
    {
        var window = new SignalIdWindow { _slots = new byte[ids.Count * SlotSize], _count = ids.Count };
        var slot = 0;
        foreach (var id in ids)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(window._slots.AsSpan(slot++ * SlotSize, SlotSize), SignalIdSet.Hash(id));
        }

        return window;
    }

    /// <summary>The hashes held. A ring fills its slots from the first, so the used ones are the first <see cref="Count"/>.</summary>
    public IEnumerable<ulong> Hashes()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return BinaryPrimitives.ReadUInt64LittleEndian(_slots.AsSpan(i * SlotSize, SlotSize));
        }
    }
}
