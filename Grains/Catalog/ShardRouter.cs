using System.Text;

namespace OtMz.Grains.Catalog;

/// <summary>
/// Assigns a look to a shard by a stable hash of its id (32-bit FNV-1a over UTF-8), so every process, on
/// every run and every platform, agrees on where a look lives. string.GetHashCode is randomised per process.
/// </summary>
public static class ShardRouter
{
    public static int ShardOf(string lookId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return (int)(Fnv1a(lookId) % (uint)shardCount);
    }

    public static uint Fnv1a(string value)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(value) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(value, buffer)]
            : Encoding.UTF8.GetBytes(value);
        var hash = offsetBasis;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }
}
