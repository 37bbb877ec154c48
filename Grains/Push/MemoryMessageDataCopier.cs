using Orleans.Providers;
using Orleans.Serialization.Cloning;

namespace OtMz.Grains.Push;

/// <summary>
/// Copies the memory stream's queue messages without copying their payload. A payload is the serialized event the
/// stream's adapter writes into a fresh array when the grain publishes; from then on it is only read: the queue grain
/// holds it until a pulling agent dequeues it, and the agent's cache copies it into its own pooled blocks. Nothing
/// writes to it and nothing returns it to a pool, so sharing it is what Orleans does for any <c>[Immutable]</c>
/// value. Every push crosses two grain calls inside the silo (into a MemoryStreamQueueGrain and out of it), and the
/// dequeue's response was copied twice per message: at 1,000 signals/s those two copies of each 24 KB push were
/// 24.3 % of the byte arrays the server allocated, 15.1 % of all its allocated bytes (docs/performance.md,
/// "Shared queue payload"). Orleans resolves this copier wherever it looks one up (the dequeued list of messages); the enqueue call's
/// generated request copies its argument with Orleans' own copier still.
/// </summary>
[RegisterCopier]
public sealed class MemoryMessageDataCopier : IDeepCopier<MemoryMessageData>
{
    public MemoryMessageData DeepCopy(MemoryMessageData input, CopyContext context) => input;
}
