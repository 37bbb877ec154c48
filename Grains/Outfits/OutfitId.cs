using System.IO.Hashing;
using System.Text;

namespace OtMz.Grains.Outfits;

/// <summary>
/// The id of an outfit made of given items: <c>outfit-</c> and 16 lower-case hex digits of the XxHash64 of the
/// ordinally sorted item ids, each followed by a newline, in UTF-8. The same items give the same id in any order, so
/// "I wore this", a like and a later composition of the same outfit all name it alike.
/// </summary>
public static class OutfitId
{
    public const string Prefix = "outfit-";

    public static string Of(IEnumerable<string> itemIds)
    {
        var sorted = itemIds.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var hash = new XxHash64();
        Span<byte> buffer = stackalloc byte[256];
        foreach (var id in sorted)
        {
            var bytes = Encoding.UTF8.GetByteCount(id) + 1 <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetByteCount(id) + 1];
            var written = Encoding.UTF8.GetBytes(id, bytes);
            bytes[written] = (byte)'\n';
            hash.Append(bytes[..(written + 1)]);
        }

        return Prefix + hash.GetCurrentHashAsUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
