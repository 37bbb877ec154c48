using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Hosting;
using OtMz.Grains;
using OtMz.Grains.Catalog;

namespace OtMz.Benchmarks;

/// <summary>
/// Exact top-20 by cosine over 1,000,000 looks, three ways, against one baseline:
/// naive scalar LINQ (baseline), the SIMD <see cref="LookSlice"/> kernel on one thread, and the full fan-out
/// over 16 <c>CatalogShardGrain</c>s in an in-process silo; plus a filtered pair and the memory-bandwidth floor.
/// Each benchmark runs in its own process (BenchmarkDotNet's default), so each set-up builds only what its
/// benchmark needs. Queries rotate through <see cref="BenchData.QueryCount"/> fixed seeded vectors.
/// No forced full GC between iterations and no overhead evaluation: with a million looks resident (about 2 GB
/// of objects) every forced GC costs about a second, which tripled the run, and an empty call's overhead (ns)
/// is nothing next to milliseconds. Collections the benchmarks cause themselves still happen inside the timing.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[GcForce(false)]
[EvaluateOverhead(false)]
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
public class TopKBenchmarks
{
    /// <summary>Floats past a cache line where MemoryFloorUnaligned starts: 6 floats = 24 bytes, as measured for LookSlice's columns.</summary>
    private const int UnalignedShift = 6;

    private float[][] _queries = [];
    private float[][] _unitQueries = [];
    private ShardQuery[] _shardQueries = [];
    private ShardQuery[] _filteredShardQueries = [];
    private int _next;

    private NaiveRow[] _rows = [];
    private LookSlice _slice = new();
    private LookSlice[] _shardSlices = [];
    private float[] _matrix = [];
    private int _matrixLength;
    private int _alignedStart;
    private float[] _unalignedMatrix = [];
    private int _unalignedStart;
    private IHost? _host;
    private IGrainFactory? _grains;

    /// <summary>One look for the naive baseline: the look and its unit-normalised 23-float style vector.</summary>
    public sealed record NaiveRow(Look Look, float[] Unit);

    [GlobalSetup(Target = nameof(NaiveLinq))]
    public void SetupNaive()
    {
        SetupQueries();
        _rows = [.. BenchData.Catalog().Select(l => new NaiveRow(l, BenchData.UnitVector(l)))];
    }

    [GlobalSetup(Targets = new[] { nameof(Kernel), nameof(KernelFiltered) })]
    public void SetupKernel()
    {
        SetupQueries();
        var looks = BenchData.Catalog();
        _slice = BenchData.Slice(looks);
        var passing = looks.Count(l => FilterMask.From(BenchData.WomenWinter).Admits(FilterMask.AttributesOf(l)));
        Console.WriteLine($"// Slice of {_slice.Count} looks; {passing} ({100.0 * passing / looks.Length:F1}%) pass the women+winter filter.");
    }

    [GlobalSetup(Target = nameof(KernelSharded))]
    public void SetupKernelSharded()
    {
        SetupQueries();
        _shardSlices = [.. BenchData.Catalog()
            .GroupBy(l => ShardRouter.ShardOf(l.Id, BenchData.ShardCount))
            .OrderBy(g => g.Key)
            .Select(g => BenchData.Slice([.. g]))];
        Console.WriteLine($"// {_shardSlices.Length} slices of {_shardSlices.Min(s => s.Count)}..{_shardSlices.Max(s => s.Count)} looks.");
    }

    [GlobalSetup(Targets = new[] { nameof(MemoryFloor), nameof(MemoryFloorUnaligned) })]
    public void SetupFloor()
    {
        // The same 1,000,000 x 23 unit vectors in the slice's layout (column-major blocks of 16 looks), in pinned
        // buffers so that one scan starts on a 64-byte boundary (MemoryFloor) and the other, like the slice's
        // ordinary float[] whose data was measured at 24 bytes past a cache line, 24 bytes past one.
        var looks = BenchData.Catalog();
        const int width = LookSlice.BlockWidth;
        const int dims = StyleTaxonomy.Count;
        _matrixLength = (looks.Length + width - 1) / width * width * dims;
        _matrix = GC.AllocateArray<float>(_matrixLength + 32, pinned: true);
        _alignedStart = FloatsToCacheLine(_matrix);
        _unalignedMatrix = GC.AllocateArray<float>(_matrixLength + 32, pinned: true);
        _unalignedStart = FloatsToCacheLine(_unalignedMatrix) + UnalignedShift;
        for (var row = 0; row < looks.Length; row++)
        {
            var unit = BenchData.UnitVector(looks[row]);
            var (block, lane) = Math.DivRem(row, width);
            for (var d = 0; d < dims; d++)
            {
                _matrix[_alignedStart + ((block * dims) + d) * width + lane] = unit[d];
            }
        }

        Array.Copy(_matrix, _alignedStart, _unalignedMatrix, _unalignedStart, _matrixLength);
        Console.WriteLine($"// Floor matrix: {_matrixLength} floats = {_matrixLength * sizeof(float) / 1e6:F1} MB; Vector512 accelerated: {Vector512.IsHardwareAccelerated}.");
    }

    [GlobalSetup(Targets = new[] { nameof(FanOut), nameof(FanOutFiltered), nameof(FanOutCallsOnly) })]
    public void SetupFanOut()
    {
        SetupQueries();
        _host = BenchData.StartSiloAsync().GetAwaiter().GetResult();
        _grains = BenchData.GrainFactory(_host);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_host is { } host)
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
            _host = null;
        }
    }

    /// <summary>(a) Scalar dot product per look, then OrderByDescending (ties by id, as the kernel orders them) and Take(20).</summary>
    [Benchmark(Baseline = true)]
    public ShardHit[] NaiveLinq()
    {
        var q = _unitQueries[NextQuery()];
        return _rows
            .Select(r => (r.Look, Score: ScalarDot(r.Unit, q)))
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Look.Id, StringComparer.Ordinal)
            .Take(BenchData.K)
            .Select(t => new ShardHit(t.Look, t.Score))
            .ToArray();
    }

    /// <summary>(b) The SIMD kernel, one thread, one slice of all 1,000,000 looks, no filter.</summary>
    [Benchmark]
    public ImmutableArray<ShardHit> Kernel() =>
        _slice.TopK(_queries[NextQuery()], BenchData.K, LookFilter.None);

    /// <summary>(c) The full fan-out: one call to each of the 16 shard grains, then the merge.</summary>
    [Benchmark]
    public Task<ImmutableArray<ShardHit>> FanOut() =>
        CatalogFanOut.QueryAsync(_grains!, BenchData.ShardCount, _shardQueries[NextQuery()]);

    /// <summary>(b) filtered: women (and unisex) looks for winter.</summary>
    [Benchmark]
    public ImmutableArray<ShardHit> KernelFiltered() =>
        _slice.TopK(_queries[NextQuery()], BenchData.K, BenchData.WomenWinter);

    /// <summary>(c) filtered: women (and unisex) looks for winter.</summary>
    [Benchmark]
    public Task<ImmutableArray<ShardHit>> FanOutFiltered() =>
        CatalogFanOut.QueryAsync(_grains!, BenchData.ShardCount, _filteredShardQueries[NextQuery()]);

    /// <summary>
    /// Diagnostic: the 16 shards' slices scanned one after another on one thread, then the same merge as the
    /// fan-out. Against <see cref="Kernel"/> it shows what splitting the catalog costs; against
    /// <see cref="FanOut"/>, what Orleans and the second core add or win.
    /// </summary>
    [Benchmark]
    public ImmutableArray<ShardHit> KernelSharded()
    {
        var query = _queries[NextQuery()];
        var answers = new ImmutableArray<ShardHit>[_shardSlices.Length];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = _shardSlices[i].TopK(query, BenchData.K, LookFilter.None);
        }

        return CatalogFanOut.Merge(answers, BenchData.K);
    }

    /// <summary>
    /// Diagnostic: the fan-out's messaging alone, 16 concurrent calls that do no work (each shard's Count),
    /// i.e. what Orleans costs a query on top of the scans.
    /// </summary>
    [Benchmark]
    public Task<int[]> FanOutCallsOnly() =>
        Task.WhenAll(CatalogFanOut.Shards(_grains!, BenchData.ShardCount).Select(s => s.Count()));

    /// <summary>
    /// The floor for one scan: a sequential vector sum of the same 1,000,000 x 23 floats (92 MB), starting on a
    /// cache line, four independent accumulators so that only the memory reads limit it.
    /// </summary>
    [Benchmark]
    public float MemoryFloor() =>
        SequentialSum(ref _matrix[_alignedStart], _matrixLength);

    /// <summary>
    /// The same sum over the same bytes starting 24 bytes past a cache line, as the slice's float[] does: every
    /// 64-byte load then spans two cache lines. Not the floor; it shows what the alignment alone costs.
    /// </summary>
    [Benchmark]
    public float MemoryFloorUnaligned() =>
        SequentialSum(ref _unalignedMatrix[_unalignedStart], _matrixLength);

    // Fully optimised from the first call and never inlined, so the floor never runs as Tier-0 or OSR code.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float SequentialSum(ref float p, int length)
    {
        var n = (nuint)length;
        nuint i = 0;
        var total = 0f;
        if (Vector512.IsHardwareAccelerated)
        {
            var step = (nuint)Vector512<float>.Count;
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i + 4 * step <= n; i += 4 * step)
            {
                a0 += Vector512.LoadUnsafe(ref p, i);
                a1 += Vector512.LoadUnsafe(ref p, i + step);
                a2 += Vector512.LoadUnsafe(ref p, i + 2 * step);
                a3 += Vector512.LoadUnsafe(ref p, i + 3 * step);
            }

            total = Vector512.Sum(a0 + a1 + (a2 + a3));
        }
        else
        {
            var step = (nuint)Vector256<float>.Count;
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i + 4 * step <= n; i += 4 * step)
            {
                a0 += Vector256.LoadUnsafe(ref p, i);
                a1 += Vector256.LoadUnsafe(ref p, i + step);
                a2 += Vector256.LoadUnsafe(ref p, i + 2 * step);
                a3 += Vector256.LoadUnsafe(ref p, i + 3 * step);
            }

            total = Vector256.Sum(a0 + a1 + (a2 + a3));
        }

        for (; i < n; i++)
        {
            total += Unsafe.Add(ref p, i);
        }

        return total;
    }

    /// <summary>How many floats past the start of a pinned array's data its first 64-byte boundary is.</summary>
    public static unsafe int FloatsToCacheLine(float[] pinned)
    {
        var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return (int)((64 - (address & 63)) & 63) / sizeof(float);
    }

    /// <summary>A plain scalar loop, as a first version would write it.</summary>
    public static float ScalarDot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private int NextQuery() => _next++ % BenchData.QueryCount;

    private void SetupQueries()
    {
        _queries = BenchData.Queries();
        _unitQueries = [.. _queries.Select(q => VectorMath.Normalized(q))];
        _shardQueries = [.. _queries.Select(q => new ShardQuery(q, BenchData.K, LookFilter.None))];
        _filteredShardQueries = [.. _queries.Select(q => new ShardQuery(q, BenchData.K, BenchData.WomenWinter))];
        _next = 0;
    }
}
