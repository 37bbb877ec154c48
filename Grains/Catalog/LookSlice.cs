using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OtMz.Grains.Catalog;

/// <summary>
/// A catalog shard's looks in a layout built for one exact, filtered top-k pass.
/// Vectors are unit-normalised and stored column-major in blocks of <see cref="BlockWidth"/> looks
/// (block b holds dimension d of looks b*16..b*16+15 in 16 consecutive floats), so a scan does 23 fused
/// multiply-adds per 16 looks with no horizontal sums, and compares 16 scores and 16 filter words at once.
/// Rows are padded to a whole block; padding lanes carry no attributes and so never pass a filter.
/// The matrix is pinned and starts on a 64-byte boundary so that no 512-bit load straddles two cache lines,
/// the 23 multiply-adds are unrolled over four independent accumulators, and an unfiltered scan skips the
/// filter words. Measured at 1.05x the cost of merely reading the matrix (docs/benchmarks.md).
/// Not thread-safe: the owning grain serialises access.
/// </summary>
public sealed class LookSlice
{
    public const int BlockWidth = 16;
    private const int Dims = StyleTaxonomy.Count;
    private const int BlockFloats = BlockWidth * Dims;

    private float[] _columns = [];
    private int _columnBase;
    private uint[] _attributes = [];
    private Look[] _looks = [];
    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>Which kernel scans: AVX-512 where the processor has it. Tests turn it off to cover the Vector256 kernel.</summary>
    internal bool UseVector512 { get; set; } = Vector512.IsHardwareAccelerated;

    public IEnumerable<Look> Looks => _looks.Take(Count);

    public Look? Get(string lookId) => _rowById.TryGetValue(lookId, out var row) ? _looks[row] : null;

    public bool Contains(string lookId) => _rowById.ContainsKey(lookId);

    /// <summary>Adds the look, or replaces the look with the same id in place.</summary>
    public void Upsert(Look look)
    {
        if (!_rowById.TryGetValue(look.Id, out var row))
        {
            EnsureCapacity(Count + 1);
            row = Count++;
            _rowById[look.Id] = row;
        }

        WriteRow(row, look);
    }

    /// <summary>Removes a look by moving the last row into its place, so the matrix stays dense.</summary>
    public bool Remove(string lookId)
    {
        if (!_rowById.Remove(lookId, out var row))
        {
            return false;
        }

        var last = Count - 1;
        if (row != last)
        {
            var moved = _looks[last];
            WriteRow(row, moved);
            _rowById[moved.Id] = row;
        }

        ClearRow(last);
        Count--;
        return true;
    }

    /// <summary>
    /// The exact top <paramref name="k"/> looks by cosine similarity to <paramref name="query"/> that pass
    /// <paramref name="filter"/>, best first; equal scores are ordered by id so results are deterministic.
    /// </summary>
    public ImmutableArray<ShardHit> TopK(ReadOnlySpan<float> query, int k, LookFilter filter)
    {
        if (k <= 0 || Count == 0)
        {
            return [];
        }

        Span<float> q = stackalloc float[Dims];
        if (!VectorMath.TryNormalize(query, q))
        {
            return [];
        }

        var excluded = ExcludedRows(filter.ExcludedIds);
        var heap = new TopKHeap(k, _looks);
        var mask = FilterMask.From(filter);
        var blocks = (Count + BlockWidth - 1) / BlockWidth;

        if (UseVector512)
        {
            Scan512(q, mask, blocks, heap, excluded);
        }
        else
        {
            Scan256(q, mask, blocks, heap, excluded);
        }

        return heap.ToSortedHits();
    }

    private void Scan512(ReadOnlySpan<float> q, FilterMask mask, int blocks, TopKHeap heap, HashSet<int>? excluded)
    {
        ref var columns = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_columns), _columnBase);
        ref var attributes = ref MemoryMarshal.GetArrayDataReference(_attributes);
        ref var qs = ref MemoryMarshal.GetReference(q);
        var filtered = mask != FilterMask.All;
        var gender = Vector512.Create(mask.Gender);
        var seasons = Vector512.Create(mask.Seasons);
        var occasions = Vector512.Create(mask.Occasions);
        var threshold = Vector512.Create(heap.Threshold);

        for (var b = 0; b < blocks; b++)
        {
            var pass = Vector512<uint>.AllBitsSet;
            if (filtered || b == blocks - 1)
            {
                var attr = Vector512.LoadUnsafe(ref attributes, (nuint)(b * BlockWidth));
                pass = ~(Vector512.Equals(attr & gender, Vector512<uint>.Zero)
                    | Vector512.Equals(attr & seasons, Vector512<uint>.Zero)
                    | Vector512.Equals(attr & occasions, Vector512<uint>.Zero));
                if (pass == Vector512<uint>.Zero)
                {
                    continue;
                }
            }

            ref var block = ref Unsafe.Add(ref columns, b * BlockFloats);
            var a0 = Vector512.LoadUnsafe(ref block) * Vector512.Create(qs);
            var a1 = Vector512.LoadUnsafe(ref block, 16) * Vector512.Create(Unsafe.Add(ref qs, 1));
            var a2 = Vector512.LoadUnsafe(ref block, 32) * Vector512.Create(Unsafe.Add(ref qs, 2));
            var a3 = Vector512.LoadUnsafe(ref block, 48) * Vector512.Create(Unsafe.Add(ref qs, 3));
            a0 = Fma(ref block, ref qs, 4, a0);
            a1 = Fma(ref block, ref qs, 5, a1);
            a2 = Fma(ref block, ref qs, 6, a2);
            a3 = Fma(ref block, ref qs, 7, a3);
            a0 = Fma(ref block, ref qs, 8, a0);
            a1 = Fma(ref block, ref qs, 9, a1);
            a2 = Fma(ref block, ref qs, 10, a2);
            a3 = Fma(ref block, ref qs, 11, a3);
            a0 = Fma(ref block, ref qs, 12, a0);
            a1 = Fma(ref block, ref qs, 13, a1);
            a2 = Fma(ref block, ref qs, 14, a2);
            a3 = Fma(ref block, ref qs, 15, a3);
            a0 = Fma(ref block, ref qs, 16, a0);
            a1 = Fma(ref block, ref qs, 17, a1);
            a2 = Fma(ref block, ref qs, 18, a2);
            a3 = Fma(ref block, ref qs, 19, a3);
            a0 = Fma(ref block, ref qs, 20, a0);
            a1 = Fma(ref block, ref qs, 21, a1);
            a2 = Fma(ref block, ref qs, 22, a2);
            var acc = (a0 + a1) + (a2 + a3);

            var candidates = Vector512.GreaterThanOrEqual(acc, threshold).AsUInt32() & pass;
            var bits = (uint)candidates.ExtractMostSignificantBits();
            if (bits == 0)
            {
                continue;
            }

            while (bits != 0)
            {
                var lane = BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var row = b * BlockWidth + lane;
                if (excluded is null || !excluded.Contains(row))
                {
                    heap.Offer(acc.GetElement(lane), row);
                }
            }

            threshold = Vector512.Create(heap.Threshold);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(ref float block, ref float q, int d, Vector512<float> acc) =>
        Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, (nuint)(d * BlockWidth)), Vector512.Create(Unsafe.Add(ref q, d)), acc);

    private void Scan256(ReadOnlySpan<float> q, FilterMask mask, int blocks, TopKHeap heap, HashSet<int>? excluded)
    {
        ref var columns = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_columns), _columnBase);
        ref var attributes = ref MemoryMarshal.GetArrayDataReference(_attributes);
        Span<Vector256<float>> qv = stackalloc Vector256<float>[Dims];
        for (var d = 0; d < Dims; d++)
        {
            qv[d] = Vector256.Create(q[d]);
        }

        var gender = Vector256.Create(mask.Gender);
        var seasons = Vector256.Create(mask.Seasons);
        var occasions = Vector256.Create(mask.Occasions);
        const int half = BlockWidth / 2;

        for (var h = 0; h < blocks * 2; h++)
        {
            var b = h >> 1;
            var offset = (h & 1) * half;
            var attr = Vector256.LoadUnsafe(ref attributes, (nuint)(b * BlockWidth + offset));
            var pass = ~(Vector256.Equals(attr & gender, Vector256<uint>.Zero)
                | Vector256.Equals(attr & seasons, Vector256<uint>.Zero)
                | Vector256.Equals(attr & occasions, Vector256<uint>.Zero));
            if (pass == Vector256<uint>.Zero)
            {
                continue;
            }

            ref var block = ref Unsafe.Add(ref columns, b * BlockFloats + offset);
            var acc = Vector256.LoadUnsafe(ref block) * qv[0];
            for (var d = 1; d < Dims; d++)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref block, (nuint)(d * BlockWidth)), qv[d], acc);
            }

            var candidates = Vector256.GreaterThanOrEqual(acc, Vector256.Create(heap.Threshold)).AsUInt32() & pass;
            var bits = candidates.ExtractMostSignificantBits();
            while (bits != 0)
            {
                var lane = BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var row = b * BlockWidth + offset + lane;
                if (excluded is null || !excluded.Contains(row))
                {
                    heap.Offer(acc.GetElement(lane), row);
                }
            }
        }
    }

    private HashSet<int>? ExcludedRows(ImmutableArray<string> excludedIds)
    {
        if (excludedIds.IsDefaultOrEmpty)
        {
            return null;
        }

        HashSet<int>? rows = null;
        foreach (var id in excludedIds)
        {
            if (_rowById.TryGetValue(id, out var row))
            {
                (rows ??= []).Add(row);
            }
        }

        return rows;
    }

    private void WriteRow(int row, Look look)
    {
        Span<float> unit = stackalloc float[Dims];
        VectorMath.TryNormalize(look.StyleVector.Values, unit);
        var (block, lane) = Math.DivRem(row, BlockWidth);
        var baseIndex = block * BlockFloats + lane;
        for (var d = 0; d < Dims; d++)
        {
            _columns[_columnBase + baseIndex + d * BlockWidth] = unit[d];
        }

        _attributes[row] = FilterMask.AttributesOf(look);
        _looks[row] = look;
    }

    private void ClearRow(int row)
    {
        var (block, lane) = Math.DivRem(row, BlockWidth);
        var baseIndex = block * BlockFloats + lane;
        for (var d = 0; d < Dims; d++)
        {
            _columns[_columnBase + baseIndex + d * BlockWidth] = 0;
        }

        _attributes[row] = 0;
        _looks[row] = null!;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows <= _looks.Length)
        {
            return;
        }

        var capacity = Math.Max(BlockWidth * 4, _looks.Length * 2);
        capacity = Math.Max(capacity, rows);
        capacity = (capacity + BlockWidth - 1) / BlockWidth * BlockWidth;
        var columns = GC.AllocateArray<float>(capacity / BlockWidth * BlockFloats + BlockWidth, pinned: true);
        int columnBase;
        unsafe
        {
            var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(columns));
            columnBase = (int)((64 - (address & 63)) & 63) / sizeof(float);
        }

        if (_columns.Length > 0)
        {
            Array.Copy(_columns, _columnBase, columns, columnBase, _columns.Length - BlockWidth);
        }

        _columns = columns;
        _columnBase = columnBase;
        Array.Resize(ref _attributes, capacity);
        Array.Resize(ref _looks, capacity);
    }

    /// <summary>Pre-sizes the matrix for a bulk load.</summary>
    public void Reserve(int rows) => EnsureCapacity(rows);
}
