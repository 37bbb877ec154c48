using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OtMz.Grains.Catalog;

/// <summary>
/// A catalog shard's looks in a layout built for an exact, filtered top-k: one SIMD pass scores every row, a
/// second collects the few rows that can still be in the top k (see <see cref="TopK"/>).
/// Vectors are unit-normalised and stored column-major in blocks of <see cref="BlockWidth"/> looks
/// (block b holds dimension d of looks b*16..b*16+15 in 16 consecutive floats), so a scan does 23 fused
/// multiply-adds per 16 looks with no horizontal sums, and compares 16 scores and 16 filter words at once.
/// Rows are padded to a whole block; padding lanes carry no attributes and so never pass a filter.
/// The matrix is pinned and starts on a 64-byte boundary so that no 512-bit load straddles two cache lines,
/// the 23 multiply-adds are unrolled over four independent accumulators, and an unfiltered scan skips the
/// filter words (docs/performance.md, "Exact top-20 over 1,000,000 looks", has the kernel against the cost of merely reading the matrix).
/// Not thread-safe (the scores are scratch space of the slice): the owning grain serialises access.
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
    private float[] _scores = [];
    private float[] _blockBest = [];
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
    /// <remarks>
    /// Two passes. The first scores every row (16 per block, SIMD) into a scratch buffer, ineligible rows as
    /// negative infinity, and keeps each block's best score. Each block's best is the score of a distinct
    /// eligible row, so the k-th best of the block bests is a floor no member of the top k falls below. The
    /// second pass offers the heap only rows at or above that floor, in the few blocks that reach it: about k to
    /// 2k offers instead of k·(1 + ln(rows/k)) when rows arrive in hash order, which is what dominated a query
    /// (docs/performance.md, "Two-pass top-k").
    /// </remarks>
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

        var blocks = (Count + BlockWidth - 1) / BlockWidth;
        if (_scores.Length < blocks * BlockWidth)
        {
            _scores = new float[_looks.Length];
            _blockBest = new float[_looks.Length / BlockWidth];
        }

        var mask = FilterMask.From(filter);
        if (UseVector512)
        {
            Score512(q, mask, blocks);
        }
        else
        {
            Score256(q, mask, blocks);
        }

        Exclude(filter.ExcludedIds);
        var floor = blocks >= k ? KthLargest(_blockBest.AsSpan(0, blocks), k) : float.NegativeInfinity;
        return Collect(k, blocks, MathF.Max(floor, float.MinValue));
    }

    /// <summary>Scores and block bests with 512-bit vectors: 23 fused multiply-adds per 16 rows over four accumulators.</summary>
    private void Score512(ReadOnlySpan<float> q, FilterMask mask, int blocks)
    {
        ref var columns = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_columns), _columnBase);
        ref var attributes = ref MemoryMarshal.GetArrayDataReference(_attributes);
        ref var scores = ref MemoryMarshal.GetArrayDataReference(_scores);
        ref var qs = ref MemoryMarshal.GetReference(q);
        var filtered = mask != FilterMask.All;
        var gender = Vector512.Create(mask.Gender);
        var seasons = Vector512.Create(mask.Seasons);
        var occasions = Vector512.Create(mask.Occasions);
        var none = Vector512.Create(float.NegativeInfinity);

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
                    none.StoreUnsafe(ref scores, (nuint)(b * BlockWidth));
                    _blockBest[b] = float.NegativeInfinity;
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
            var acc = Vector512.ConditionalSelect(pass.AsSingle(), (a0 + a1) + (a2 + a3), none);
            acc.StoreUnsafe(ref scores, (nuint)(b * BlockWidth));
            var best = Vector256.Max(acc.GetLower(), acc.GetUpper());
            _blockBest[b] = Max(Vector128.Max(best.GetLower(), best.GetUpper()));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(ref float block, ref float q, int d, Vector512<float> acc) =>
        Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, (nuint)(d * BlockWidth)), Vector512.Create(Unsafe.Add(ref q, d)), acc);

    /// <summary>The same with 256-bit vectors, half a block at a time, for processors without AVX-512.</summary>
    private void Score256(ReadOnlySpan<float> q, FilterMask mask, int blocks)
    {
        ref var columns = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_columns), _columnBase);
        ref var attributes = ref MemoryMarshal.GetArrayDataReference(_attributes);
        ref var scores = ref MemoryMarshal.GetArrayDataReference(_scores);
        Span<Vector256<float>> qv = stackalloc Vector256<float>[Dims];
        for (var d = 0; d < Dims; d++)
        {
            qv[d] = Vector256.Create(q[d]);
        }

        var gender = Vector256.Create(mask.Gender);
        var seasons = Vector256.Create(mask.Seasons);
        var occasions = Vector256.Create(mask.Occasions);
        var none = Vector256.Create(float.NegativeInfinity);
        const int half = BlockWidth / 2;

        for (var b = 0; b < blocks; b++)
        {
            var best = none;
            for (var offset = 0; offset < BlockWidth; offset += half)
            {
                var attr = Vector256.LoadUnsafe(ref attributes, (nuint)(b * BlockWidth + offset));
                var pass = ~(Vector256.Equals(attr & gender, Vector256<uint>.Zero)
                    | Vector256.Equals(attr & seasons, Vector256<uint>.Zero)
                    | Vector256.Equals(attr & occasions, Vector256<uint>.Zero));
                var acc = none;
                if (pass != Vector256<uint>.Zero)
                {
                    ref var block = ref Unsafe.Add(ref columns, b * BlockFloats + offset);
                    acc = Vector256.LoadUnsafe(ref block) * qv[0];
                    for (var d = 1; d < Dims; d++)
                    {
                        acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref block, (nuint)(d * BlockWidth)), qv[d], acc);
                    }

                    acc = Vector256.ConditionalSelect(pass.AsSingle(), acc, none);
                }

                acc.StoreUnsafe(ref scores, (nuint)(b * BlockWidth + offset));
                best = Vector256.Max(best, acc);
            }

            _blockBest[b] = Max(Vector128.Max(best.GetLower(), best.GetUpper()));
        }
    }

    private static float Max(Vector128<float> v) => MathF.Max(MathF.Max(v[0], v[1]), MathF.Max(v[2], v[3]));

    /// <summary>Takes disliked looks out of the scores, and their blocks' bests with them, before the floor is set.</summary>
    private void Exclude(ImmutableArray<string> excludedIds)
    {
        if (excludedIds.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var id in excludedIds)
        {
            if (!_rowById.TryGetValue(id, out var row) || _scores[row] == float.NegativeInfinity)
            {
                continue;
            }

            _scores[row] = float.NegativeInfinity;
            var start = row / BlockWidth * BlockWidth;
            var best = float.NegativeInfinity;
            for (var i = start; i < start + BlockWidth; i++)
            {
                best = MathF.Max(best, _scores[i]);
            }

            _blockBest[start / BlockWidth] = best;
        }
    }

    /// <summary>The k-th largest value (k at most the length), by a bounded min-heap.</summary>
    internal static float KthLargest(ReadOnlySpan<float> values, int k)
    {
        var heap = k <= 256 ? stackalloc float[k] : new float[k];
        for (var i = 0; i < k; i++)
        {
            heap[i] = values[i];
        }

        for (var i = k / 2 - 1; i >= 0; i--)
        {
            SiftDown(heap, i);
        }

        for (var i = k; i < values.Length; i++)
        {
            if (values[i] > heap[0])
            {
                heap[0] = values[i];
                SiftDown(heap, 0);
            }
        }

        return heap[0];

        static void SiftDown(Span<float> h, int i)
        {
            while (true)
            {
                var smallest = i;
                var left = 2 * i + 1;
                if (left < h.Length && h[left] < h[smallest])
                {
                    smallest = left;
                }

                if (left + 1 < h.Length && h[left + 1] < h[smallest])
                {
                    smallest = left + 1;
                }

                if (smallest == i)
                {
                    return;
                }

                (h[i], h[smallest]) = (h[smallest], h[i]);
                i = smallest;
            }
        }
    }

    /// <summary>The second pass: rows at or above the floor, and above what the heap already holds, enter the heap.</summary>
    private ImmutableArray<ShardHit> Collect(int k, int blocks, float floor)
    {
        var heap = new TopKHeap(k, _looks);
        for (var b = 0; b < blocks; b++)
        {
            if (_blockBest[b] < MathF.Max(floor, heap.Threshold))
            {
                continue;
            }

            for (var row = b * BlockWidth; row < (b + 1) * BlockWidth; row++)
            {
                var score = _scores[row];
                if (score >= floor && score >= heap.Threshold)
                {
                    heap.Offer(score, row);
                }
            }
        }

        return heap.ToSortedHits();
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
