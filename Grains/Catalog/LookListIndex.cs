using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;

namespace OtMz.Grains.Catalog;

/// <summary>
/// A catalog shard's looks in id order, for the style-list screen (<see cref="LookListQuery"/>). Beside the
/// sorted looks it keeps one bitmap per filter value over the sorted positions (3 genders, 4 seasons, 6 occasions,
/// 21 colours, and the 23 styles a look scores at least <see cref="LookListQuery.StyleThreshold"/>), so a page is a
/// binary search for the cursor and then a walk over 64 positions per step, ANDing only the bitmaps the query
/// names, until the page is full: no string comparison after the cursor's and no look that fails a filter is read.
/// <see cref="CatalogShardGrain"/> keeps one next to its <see cref="LookSlice"/> and writes both on every change;
/// <see cref="CatalogFanOut.ListAsync(IGrainFactory, int, LookListQuery)"/> merges the shards' pages.
/// Not thread-safe: the owning grain serialises access.
/// </summary>
public sealed class LookListIndex
{
    private const int GenderBit = 0;
    private const int SeasonBit = GenderBit + 3;
    private const int OccasionBit = SeasonBit + 4;
    private const int ColourBit = OccasionBit + 6;
    private const int StyleBit = ColourBit + 21;
    internal const int BitmapCount = StyleBit + StyleTaxonomy.Count;
    private const int MaxRequired = 5;

    private Look[] _looks = [];
    private readonly ulong[][] _bitmaps = [.. Enumerable.Range(0, BitmapCount).Select(_ => Array.Empty<ulong>())];

    public int Count { get; private set; }

    /// <summary>Replaces the contents with <paramref name="looks"/> (distinct ids), sorting them once: a shard's bulk load.</summary>
    public void Load(IReadOnlyCollection<Look> looks)
    {
        var sorted = looks.ToArray();
        var ids = Array.ConvertAll(sorted, l => l.Id);
        Array.Sort(ids, sorted, StringComparer.Ordinal);
        for (var i = 1; i < ids.Length; i++)
        {
            if (string.Equals(ids[i - 1], ids[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"Look '{ids[i]}' appears twice.", nameof(looks));
            }
        }

        Count = 0;
        _looks = [];
        foreach (var bitmap in _bitmaps)
        {
            Array.Clear(bitmap);
        }

        EnsureCapacity(sorted.Length);
        Array.Copy(sorted, _looks, sorted.Length);
        Count = sorted.Length;
        for (var position = 0; position < Count; position++)
        {
            SetBits(position, _looks[position], true);
        }
    }

    /// <summary>Adds the look at its place in id order, or replaces the look with the same id.</summary>
    public void Upsert(Look look)
    {
        var position = Find(look.Id);
        if (position >= 0)
        {
            SetBits(position, _looks[position], false);
            _looks[position] = look;
            SetBits(position, look, true);
            return;
        }

        position = ~position;
        EnsureCapacity(Count + 1);
        Array.Copy(_looks, position, _looks, position + 1, Count - position);
        foreach (var bitmap in _bitmaps)
        {
            ShiftUp(bitmap, position, Count);
        }

        _looks[position] = look;
        Count++;
        SetBits(position, look, true);
    }

    public bool Remove(string lookId)
    {
        var position = Find(lookId);
        if (position < 0)
        {
            return false;
        }

        Array.Copy(_looks, position + 1, _looks, position, Count - position - 1);
        _looks[Count - 1] = null!;
        foreach (var bitmap in _bitmaps)
        {
            ShiftDown(bitmap, position, Count);
        }

        Count--;
        return true;
    }

    /// <summary>
    /// The first <c>query.Limit</c> looks after <c>query.After</c> in ordinal id order that match every filter;
    /// the next cursor is the last one's id when more match, else null.
    /// </summary>
    public LookPage List(LookListQuery query)
    {
        var start = 0;
        if (query.After is not null)
        {
            var found = Find(query.After);
            start = found >= 0 ? found + 1 : ~found;
        }

        if (query.Limit <= 0 || start >= Count)
        {
            return new LookPage([], null);
        }

        Span<int> required = stackalloc int[MaxRequired];
        var requiredCount = Required(query, required);

        // A gendered query also admits unisex looks; a unisex query admits only those.
        ulong[]? genderA = null, genderB = null;
        if (query.Gender is { } gender)
        {
            genderA = _bitmaps[GenderBit + (int)gender];
            genderB = gender == Gender.Unisex ? null : _bitmaps[GenderBit + (int)Gender.Unisex];
        }

        var page = new Look[Math.Min(query.Limit, Count - start)];
        var taken = 0;
        var lastWord = (Count - 1) >> 6;
        for (var w = start >> 6; w <= lastWord; w++)
        {
            var word = w == lastWord && (Count & 63) != 0 ? (1UL << (Count & 63)) - 1 : ulong.MaxValue;
            if (w == start >> 6)
            {
                word &= ulong.MaxValue << (start & 63);
            }

            if (genderA is not null)
            {
                word &= genderA[w] | (genderB?[w] ?? 0);
            }

            for (var r = 0; r < requiredCount && word != 0; r++)
            {
                word &= _bitmaps[required[r]][w];
            }

            while (word != 0)
            {
                if (taken == page.Length)
                {
                    // One more match than the page holds: there is a next page.
                    return new LookPage(ImmutableCollectionsMarshal.AsImmutableArray(page), page[^1].Id);
                }

                page[taken++] = _looks[(w << 6) + BitOperations.TrailingZeroCount(word)];
                word &= word - 1;
            }
        }

        if (taken < page.Length)
        {
            Array.Resize(ref page, taken);
        }

        return new LookPage(ImmutableCollectionsMarshal.AsImmutableArray(page), null);
    }

    /// <summary>The single-bitmap filters the query names (all but gender, whose value may admit two bitmaps).</summary>
    private static int Required(LookListQuery query, Span<int> required)
    {
        var n = 0;
        if (query.StyleIndex is { } style)
        {
            required[n++] = StyleBit + style;
        }

        if (query.Season is { } season)
        {
            required[n++] = SeasonBit + (int)season;
        }

        if (query.Occasion is { } occasion)
        {
            required[n++] = OccasionBit + (int)occasion;
        }

        if (query.Colour is { } colour)
        {
            required[n++] = ColourBit + (int)colour;
        }

        return n;
    }

    /// <summary>The look's position in id order, or the bitwise complement of where it would go.</summary>
    private int Find(string lookId)
    {
        var (low, high) = (0, Count - 1);
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(_looks[mid].Id, lookId);
            if (order == 0)
            {
                return mid;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }

    private void SetBits(int position, Look look, bool value)
    {
        Set(GenderBit + (int)look.Gender);
        foreach (var season in look.Seasons)
        {
            Set(SeasonBit + (int)season);
        }

        foreach (var occasion in look.Occasions)
        {
            Set(OccasionBit + (int)occasion);
        }

        foreach (var entry in look.Palette)
        {
            Set(ColourBit + (int)entry.Colour);
        }

        var styles = look.StyleVector.Values;
        for (var s = 0; s < styles.Length; s++)
        {
            if (styles[s] >= LookListQuery.StyleThreshold)
            {
                Set(StyleBit + s);
            }
        }

        void Set(int bitmap)
        {
            ref var word = ref _bitmaps[bitmap][position >> 6];
            word = value ? word | (1UL << (position & 63)) : word & ~(1UL << (position & 63));
        }
    }

    /// <summary>Moves the bits at positions [position, count) up by one and leaves position clear.</summary>
    internal static void ShiftUp(ulong[] bitmap, int position, int count)
    {
        var first = position >> 6;
        for (var w = count >> 6; w > first; w--)
        {
            bitmap[w] = (bitmap[w] << 1) | (bitmap[w - 1] >> 63);
        }

        var below = (1UL << (position & 63)) - 1;
        bitmap[first] = (bitmap[first] & below) | ((bitmap[first] & ~below) << 1);
    }

    /// <summary>Drops the bit at position and moves the bits at (position, count) down by one.</summary>
    internal static void ShiftDown(ulong[] bitmap, int position, int count)
    {
        var first = position >> 6;
        var last = (count - 1) >> 6;
        var below = (1UL << (position & 63)) - 1;
        bitmap[first] = (bitmap[first] & below) | ((bitmap[first] >> 1) & ~below);
        for (var w = first; w < last; w++)
        {
            // The word above is still unshifted: its lowest bit is the next one down.
            bitmap[w] |= bitmap[w + 1] << 63;
            bitmap[w + 1] >>= 1;
        }
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _looks.Length)
        {
            return;
        }

        var capacity = Math.Max(Math.Max(64, _looks.Length * 2), rows);
        Array.Resize(ref _looks, capacity);
        var words = (capacity >> 6) + 1;
        for (var b = 0; b < _bitmaps.Length; b++)
        {
            Array.Resize(ref _bitmaps[b], words);
        }
    }
}
