using System.Collections.Immutable;
using Cloud.Unum.USearch;
using OtMz.Grains;
using OtMz.Grains.Catalog;
using OtMz.Grains.Catalog.Ann;

namespace OtMz.BenchShared.Ann;

/// <summary>One way of answering a filtered top-k, and how it takes a live change.</summary>
internal interface IEngine : IDisposable
{
    string Name { get; }

    ImmutableArray<string> TopK(float[] query, int k, LookFilter filter);

    void Apply(string id, Look? now);
}

/// <summary>The exact SIMD kernel over one slice holding every look: the ground truth and the baseline.</summary>
internal sealed class ExactEngine : IEngine
{
    private readonly LookSlice _slice = new();

    public ExactEngine(Look[] looks)
    {
        _slice.Reserve(looks.Length);
        foreach (var look in looks)
        {
            _slice.Upsert(look);
        }
    }

    public string Name => "exact kernel";

    public ImmutableArray<string> TopK(float[] query, int k, LookFilter filter) => Workload.Ids(_slice.TopK(query, k, filter));

    public void Apply(string id, Look? now)
    {
        if (now is null)
        {
            _slice.Remove(id);
        }
        else
        {
            _slice.Upsert(now);
        }
    }

    public void Dispose()
    {
    }
}

internal sealed class IvfEngine(IvfIndex index) : IEngine
{
    public string Name => "OtMz IVF";

    public IvfIndex Index => index;

    public ImmutableArray<string> TopK(float[] query, int k, LookFilter filter) => Workload.Ids(index.TopK(query, k, filter));

    public void Apply(string id, Look? now)
    {
        if (now is null)
        {
            index.Remove(id);
        }
        else
        {
            index.Upsert(now);
        }
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// USearch's HNSW over the same unit vectors (cosine). Its .NET binding (2.26.6) has no filtered search, so a
/// filtered query asks for enough neighbours that about twice k of them pass the filter, then filters: the
/// over-fetch a .NET caller of the library has to do.
/// </summary>
internal sealed class UsearchEngine : IEngine
{
    private readonly USearchIndex _index;
    private readonly List<Look?> _looks;
    private readonly Dictionary<string, ulong> _keys;
    private readonly Func<LookFilter, double> _share;

    public UsearchEngine(Look[] looks, ulong connectivity, ulong expansionAdd, ulong expansionSearch, Func<LookFilter, double> share)
    {
        Name = $"USearch HNSW M={connectivity} ef_add={expansionAdd} ef_search={expansionSearch}";
        _index = new USearchIndex(MetricKind.Cos, ScalarKind.Float32, (ulong)StyleTaxonomy.Count, connectivity, expansionAdd, expansionSearch);
        _looks = [.. looks];
        _keys = new Dictionary<string, ulong>(looks.Length, StringComparer.Ordinal);
        var keys = new ulong[looks.Length];
        var vectors = new float[looks.Length][];
        for (var i = 0; i < looks.Length; i++)
        {
            keys[i] = (ulong)i;
            vectors[i] = VectorMath.Normalized(looks[i].StyleVector.Values);
            _keys[looks[i].Id] = (ulong)i;
        }

        _index.Add(keys, vectors);
        _share = share;
    }

    public string Name { get; }

    public ImmutableArray<string> TopK(float[] query, int k, LookFilter filter)
    {
        var unit = VectorMath.Normalized(query);
        var mask = FilterMask.From(filter);
        var unfiltered = mask == FilterMask.All;
        var fetch = unfiltered ? k : (int)Math.Min(_looks.Count, Math.Ceiling(2 * k / _share(filter)));
        var found = _index.Search(unit, fetch, out var keys, out _);
        var result = ImmutableArray.CreateBuilder<string>(k);
        for (var i = 0; i < found && result.Count < k; i++)
        {
            if (_looks[(int)keys[i]] is { } look && (unfiltered || mask.Admits(FilterMask.AttributesOf(look))))
            {
                result.Add(look.Id);
            }
        }

        return result.ToImmutable();
    }

    public void Apply(string id, Look? now)
    {
        if (_keys.Remove(id, out var key))
        {
            _index.Remove(key);
            _looks[(int)key] = null;
        }

        if (now is not null)
        {
            var added = (ulong)_looks.Count;
            _looks.Add(now);
            _keys[id] = added;
            _index.Add(added, VectorMath.Normalized(now.StyleVector.Values));
        }
    }

    public void Dispose() => _index.Dispose();
}
