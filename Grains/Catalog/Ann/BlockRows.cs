using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// One inverted list of an <see cref="IvfIndex"/> (or its centroids): unit vectors in the exact shard's block
/// layout (16 rows per block, column-major, see <see cref="LookSlice"/>), each row's filter word and its look.
/// A scan checks 16 filter words before it scores a block, so rows sorted by filter word (as a list is after
/// <see cref="IvfIndex"/> builds or compacts it) let a selective filter skip whole blocks. Removed rows are
/// tombstones (filter word 0, which no filter admits) until the index compacts the list.
/// </summary>
internal sealed class BlockRows
{
    public const int Width = 16;
    private const int Dims = StyleTaxonomy.Count;
    private const int BlockFloats = Width * Dims;

    private float[] _columns = [];
    private uint[] _attributes = [];
    private Look?[] _looks = [];

    /// <summary>Rows in use, tombstones included.</summary>
    public int Count { get; private set; }

    /// <summary>Rows holding a look.</summary>
    public int Live { get; private set; }

    /// <summary>Rows at the front that are sorted by filter word (the rest were appended since).</summary>
    public int Sorted { get; set; }

    /// <summary>Bytes of the arrays allocated (capacity, not rows in use): vectors, filter words and look references.</summary>
    public long MemoryBytes => (_columns.Length + (long)_attributes.Length) * 4L + _looks.Length * (long)IntPtr.Size;

    public Look? LookAt(int row) => _looks[row];

    public uint AttributesAt(int row) => _attributes[row];

    public void CopyUnit(int row, Span<float> destination)
    {
        var (block, lane) = Math.DivRem(row, Width);
        for (var d = 0; d < Dims; d++)
        {
            destination[d] = _columns[block * BlockFloats + d * Width + lane];
        }
    }

    /// <summary>Appends a unit vector; a null look is a row that only scores (a centroid).</summary>
    public int Append(ReadOnlySpan<float> unit, uint attributes, Look? look)
    {
        if (Count == _looks.Length)
        {
            var capacity = Math.Max(Width, _looks.Length * 2);
            Array.Resize(ref _columns, capacity / Width * BlockFloats);
            Array.Resize(ref _attributes, capacity);
            Array.Resize(ref _looks, capacity);
        }

        var row = Count++;
        var (block, lane) = Math.DivRem(row, Width);
        for (var d = 0; d < Dims; d++)
        {
            _columns[block * BlockFloats + d * Width + lane] = unit[d];
        }

        _attributes[row] = attributes;
        _looks[row] = look;
        Live++;
        return row;
    }

    public void Tombstone(int row)
    {
        _attributes[row] = 0;
        _looks[row] = null;
        Live--;
    }

    /// <summary>Scores every row against <paramref name="q"/> (a unit vector) into <paramref name="scores"/>, filters ignored.</summary>
    public void ScoreAll(ReadOnlySpan<float> q, Span<float> scores)
    {
        Span<float> lanes = stackalloc float[Width];
        var blocks = (Count + Width - 1) / Width;
        for (var b = 0; b < blocks; b++)
        {
            ScoreBlock(b, q, lanes);
            var take = Math.Min(Width, Count - b * Width);
            lanes[..take].CopyTo(scores[(b * Width)..]);
        }
    }

    /// <summary>
    /// The row with the highest score against <paramref name="q"/> (the first of equals), filters ignored: the
    /// nearest centroid. A running maximum and its row per lane, one horizontal pass at the end.
    /// </summary>
    public int ArgMax(ReadOnlySpan<float> q)
    {
        Span<float> lanes = stackalloc float[Width];
        var best = Vector512.Create(float.NegativeInfinity);
        var bestRow = Vector512<int>.Zero;
        var rows = Vector512<int>.Indices;
        var blocks = (Count + Width - 1) / Width;
        for (var b = 0; b < blocks; b++)
        {
            ScoreBlock(b, q, lanes);
            if (b == blocks - 1)
            {
                // Padding lanes past the last row score nothing.
                lanes[(Count - b * Width)..].Fill(float.NegativeInfinity);
            }

            var scores = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(lanes));
            var better = Vector512.GreaterThan(scores, best);
            best = Vector512.ConditionalSelect(better, scores, best);
            bestRow = Vector512.ConditionalSelect(better.AsInt32(), rows, bestRow);
            rows += Vector512.Create(Width);
        }

        var winner = 0;
        var top = float.NegativeInfinity;
        for (var lane = 0; lane < Width; lane++)
        {
            var (score, row) = (best[lane], bestRow[lane]);
            if (score > top || (score == top && row < winner))
            {
                (top, winner) = (score, row);
            }
        }

        return winner;
    }

    /// <summary>
    /// Offers <paramref name="heap"/> every row the filter admits whose score can enter it; returns how many rows
    /// the filter admitted (the candidates this list contributed, whether or not they entered).
    /// </summary>
    public int Scan(ReadOnlySpan<float> q, FilterMask mask, HitHeap heap)
    {
        Span<float> lanes = stackalloc float[Width];
        var admitted = 0;
        var blocks = (Count + Width - 1) / Width;
        ref var attributes = ref MemoryMarshal.GetArrayDataReference(_attributes);
        var gender = Vector512.Create(mask.Gender);
        var seasons = Vector512.Create(mask.Seasons);
        var occasions = Vector512.Create(mask.Occasions);
        for (var b = 0; b < blocks; b++)
        {
            var attr = Vector512.LoadUnsafe(ref attributes, (nuint)(b * Width));
            var pass = ~(Vector512.Equals(attr & gender, Vector512<uint>.Zero)
                | Vector512.Equals(attr & seasons, Vector512<uint>.Zero)
                | Vector512.Equals(attr & occasions, Vector512<uint>.Zero));
            var passBits = (uint)pass.ExtractMostSignificantBits();
            if (passBits == 0)
            {
                continue;
            }

            admitted += BitOperations.PopCount(passBits);
            ScoreBlock(b, q, lanes);
            // Once the heap is full few rows beat its threshold: one vector compare finds them.
            var threshold = heap.Threshold;
            var scores = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(lanes));
            var candidates = passBits & (uint)Vector512.GreaterThanOrEqual(scores, Vector512.Create(threshold)).ExtractMostSignificantBits();
            while (candidates != 0)
            {
                var lane = BitOperations.TrailingZeroCount(candidates);
                candidates &= candidates - 1;
                if (lanes[lane] >= threshold)
                {
                    heap.Offer(lanes[lane], _looks[b * Width + lane]!);
                    threshold = heap.Threshold;
                }
            }
        }

        return admitted;
    }

    /// <summary>The 16 scores of block <paramref name="b"/>: 23 fused multiply-adds over four accumulators.</summary>
    private void ScoreBlock(int b, ReadOnlySpan<float> q, Span<float> lanes)
    {
        ref var block = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_columns), b * BlockFloats);
        ref var qs = ref MemoryMarshal.GetReference(q);
        if (Vector512.IsHardwareAccelerated)
        {
            var a0 = Vector512<float>.Zero;
            var a1 = Vector512<float>.Zero;
            var a2 = Vector512<float>.Zero;
            var a3 = Vector512<float>.Zero;
            for (var d = 0; d < 20; d += 4)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, (nuint)(d * Width)), Vector512.Create(Unsafe.Add(ref qs, d)), a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, (nuint)((d + 1) * Width)), Vector512.Create(Unsafe.Add(ref qs, d + 1)), a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, (nuint)((d + 2) * Width)), Vector512.Create(Unsafe.Add(ref qs, d + 2)), a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, (nuint)((d + 3) * Width)), Vector512.Create(Unsafe.Add(ref qs, d + 3)), a3);
            }

            // Dimensions 20-22 go to the first three accumulators, as in LookSlice, so both give bit-identical scores.
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, 20 * Width), Vector512.Create(Unsafe.Add(ref qs, 20)), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, 21 * Width), Vector512.Create(Unsafe.Add(ref qs, 21)), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref block, 22 * Width), Vector512.Create(Unsafe.Add(ref qs, 22)), a2);

            ((a0 + a1) + (a2 + a3)).StoreUnsafe(ref MemoryMarshal.GetReference(lanes));
            return;
        }

        for (var half = 0; half < Width; half += Width / 2)
        {
            var acc = Vector256<float>.Zero;
            for (var d = 0; d < Dims; d++)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref block, (nuint)(d * Width + half)), Vector256.Create(Unsafe.Add(ref qs, d)), acc);
            }

            acc.StoreUnsafe(ref MemoryMarshal.GetReference(lanes), (nuint)half);
        }
    }
}
