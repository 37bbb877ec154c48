using System.Collections.Immutable;

namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// An approximate, filtered top-k over a shard's looks: an inverted-file index whose lists are the cells of a
/// spherical k-means (<see cref="SphericalKMeans"/>), each list held in the exact kernel's block layout
/// (<see cref="BlockRows"/>) and sorted by filter word. A search scores the centroids, then scans lists nearest
/// first, with the filter applied inside each block, until it has seen a set share of the rows the filter admits
/// (so a filter keeps the same recall instead of starving the result); a filter admitting few rows is answered
/// exactly. Inserts go to their nearest list, deletes leave tombstones, and a list that has drifted from sorted
/// is compacted on the spot; <see cref="NeedsRebuild"/> says when the centroids themselves are stale.
/// Not thread-safe: the owning grain serialises access.
/// </summary>
public sealed class IvfIndex
{
    private const int Dims = StyleTaxonomy.Count;

    private readonly AnnOptions _options;
    private readonly BlockRows _centroids;
    private readonly BlockRows[] _lists;
    private readonly Dictionary<string, (int List, int Row)> _where = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, int> _wordCounts = [];
    private readonly float[] _centroidScores;
    private readonly int[] _order;
    private readonly Comparer<int> _byScore;
    private readonly int _builtRows;
    private int _changes;

    private IvfIndex(AnnOptions options, BlockRows centroids, int builtRows)
    {
        _options = options;
        _centroids = centroids;
        _lists = new BlockRows[centroids.Count];
        for (var i = 0; i < _lists.Length; i++)
        {
            _lists[i] = new BlockRows();
        }

        _centroidScores = new float[SphericalKMeans.AlignedCount(centroids.Count)];
        _order = new int[centroids.Count];
        _byScore = Comparer<int>.Create((a, b) => _centroidScores[b].CompareTo(_centroidScores[a]));
        _builtRows = builtRows;
    }

    public int Count => _where.Count;

    public int ListCount => _lists.Length;

    /// <summary>How many lists the last search scanned (all of them on the exact path), for tests and benchmarks.</summary>
    public int LastListsScanned { get; private set; }

    /// <summary>
    /// The memory the index holds, from the lengths of its arrays: each list's and the centroids' vectors, filter
    /// words and look references, and the id map's slots. The looks themselves are shared with the exact slice and
    /// not counted.
    /// </summary>
    public long MemoryBytes
    {
        get
        {
            var bytes = _centroids.MemoryBytes + (_centroidScores.Length + _order.Length) * 4L + _lists.Length * (long)IntPtr.Size;
            foreach (var list in _lists)
            {
                bytes += list.MemoryBytes;
            }

            // A dictionary slot is a bucket (int) and an entry: hash and next (ints), key reference, value (two ints).
            // EnsureCapacity(0) returns the slots allocated and changes nothing.
            bytes += _where.EnsureCapacity(0) * (8L + IntPtr.Size + 8L + 4L);
            bytes += _wordCounts.EnsureCapacity(0) * (8L + 4L + 4L + 4L);
            return bytes;
        }
    }

    /// <summary>The changes since the build reached <see cref="AnnOptions.RebuildShare"/> of it: retrain on the current looks.</summary>
    public bool NeedsRebuild => _changes > Math.Max(1_000, _builtRows * _options.RebuildShare);

    /// <summary>
    /// Trains the centroids on <paramref name="looks"/> and files every look (looks without a direction are left
    /// out), telling <paramref name="progress"/> how far it has come.
    /// </summary>
    public static IvfIndex Build(IReadOnlyList<Look> looks, AnnOptions? options = null, IndexBuildProgress? progress = null)
    {
        options ??= new AnnOptions();
        var units = new float[looks.Count * Dims];
        var kept = new List<Look>(looks.Count);
        foreach (var look in looks)
        {
            if (VectorMath.TryNormalize(look.StyleVector.Values, units.AsSpan(kept.Count * Dims, Dims)))
            {
                kept.Add(look);
            }
        }

        progress?.Report(CatalogIndexBuildPhase.Normalizing, 1);
        var lists = Math.Clamp((int)Math.Round(Math.Sqrt(kept.Count) * options.ListsPerSqrtRow), 1, Math.Max(1, kept.Count));
        var centroids = kept.Count == 0 ? Uniform() : SphericalKMeans.Train(units, kept.Count, lists, options, progress);
        var index = new IvfIndex(options, centroids, kept.Count);
        var nearest = SphericalKMeans.Assign(centroids, units, kept.Count, progress);
        var members = new List<int>[centroids.Count];
        for (var row = 0; row < kept.Count; row++)
        {
            (members[nearest[row]] ??= []).Add(row);
        }

        for (var list = 0; list < members.Length; list++)
        {
            if (members[list] is not { } rows)
            {
                continue;
            }

            var words = rows.ToDictionary(r => r, r => FilterMask.AttributesOf(kept[r]));
            rows.Sort((a, b) => words[a].CompareTo(words[b]));
            foreach (var row in rows)
            {
                index.File(list, units.AsSpan(row * Dims, Dims), words[row], kept[row]);
            }

            index._lists[list].Sorted = index._lists[list].Count;
            progress?.Report(CatalogIndexBuildPhase.Filing, (list + 1) / (double)members.Length);
        }

        progress?.Report(CatalogIndexBuildPhase.Filing, 1);
        return index;
    }

    public Look? Get(string lookId) => _where.TryGetValue(lookId, out var at) ? _lists[at.List].LookAt(at.Row) : null;

    /// <summary>Adds the look to its nearest list, or moves the look with the same id there; a look without a direction is removed.</summary>
    public void Upsert(Look look)
    {
        // A replacement is one change, not a removal and an insert.
        var replaced = Unfile(look.Id);
        Span<float> unit = stackalloc float[Dims];
        if (VectorMath.TryNormalize(look.StyleVector.Values, unit))
        {
            var list = SphericalKMeans.Nearest(_centroids, unit);
            File(list, unit, FilterMask.AttributesOf(look), look);
            CompactIfDrifted(list);
        }
        else if (!replaced)
        {
            return;
        }

        _changes++;
    }

    public bool Remove(string lookId)
    {
        if (!Unfile(lookId))
        {
            return false;
        }

        _changes++;
        return true;
    }

    private bool Unfile(string lookId)
    {
        if (!_where.Remove(lookId, out var at))
        {
            return false;
        }

        var rows = _lists[at.List];
        Tally(rows.AttributesAt(at.Row), -1);
        rows.Tombstone(at.Row);
        CompactIfDrifted(at.List);
        return true;
    }

    /// <summary>
    /// The top <paramref name="k"/> looks by cosine to <paramref name="query"/> that pass <paramref name="filter"/>,
    /// best first, in <see cref="HitOrder"/>. Exact when the filter admits at most
    /// <see cref="AnnOptions.ExactBelowRows"/> rows or <see cref="AnnOptions.ExactBelowShare"/> of them; otherwise
    /// approximate (recall in docs/performance.md).
    /// </summary>
    public ImmutableArray<ShardHit> TopK(ReadOnlySpan<float> query, int k, LookFilter filter) => Search(query, k, filter, exact: false);

    /// <summary>The exact top <paramref name="k"/> over the same rows (every list scanned), what <see cref="IndexSelfCheck"/> measures the probes against.</summary>
    public ImmutableArray<ShardHit> ExactTopK(ReadOnlySpan<float> query, int k, LookFilter filter) => Search(query, k, filter, exact: true);

    private ImmutableArray<ShardHit> Search(ReadOnlySpan<float> query, int k, LookFilter filter, bool exact)
    {
        Span<float> q = stackalloc float[Dims];
        if (k <= 0 || Count == 0 || !VectorMath.TryNormalize(query, q))
        {
            return [];
        }

        var mask = FilterMask.From(filter);
        var admitted = Admitted(mask);
        if (admitted == 0)
        {
            LastListsScanned = 0;
            return [];
        }

        var heap = new HitHeap(k, filter.ExcludedIds.IsDefaultOrEmpty ? null : filter.ExcludedIds.ToHashSet(StringComparer.Ordinal));
        if (exact || admitted <= Math.Max(_options.ExactBelowRows, Count * _options.ExactBelowShare))
        {
            foreach (var list in _lists)
            {
                list.Scan(q, mask, heap);
            }

            LastListsScanned = _lists.Length;

            return heap.ToSortedHits();
        }

        var excluded = filter.ExcludedIds.IsDefaultOrEmpty ? 0 : filter.ExcludedIds.Length;
        var target = Math.Max((long)(k + excluded) * _options.MinCandidatesPerResult, (long)(admitted * _options.ProbeShare));
        _centroids.ScoreAll(q, _centroidScores);
        var lists = _lists.Length;
        for (var i = 0; i < lists; i++)
        {
            _order[i] = i;
        }

        // Most searches stop within the first few per cent of the lists, so the order is found a batch at a time:
        // a selection of the batch's lists, then a sort of only those.
        var batch = Math.Min(lists, Math.Max(_options.MinProbeLists * 4, (int)Math.Ceiling(lists * _options.ProbeShare * 4)));
        var seen = 0L;
        var visited = 0;
        for (var start = 0; start < lists; start += batch, batch = lists)
        {
            var end = Math.Min(lists, start + batch);
            SelectBest(start, end);
            Array.Sort(_order, start, end - start, _byScore);
            for (var i = start; i < end; i++)
            {
                seen += _lists[_order[i]].Scan(q, mask, heap);
                if (++visited >= _options.MinProbeLists && seen >= target)
                {
                    LastListsScanned = visited;
                    return heap.ToSortedHits();
                }
            }
        }

        LastListsScanned = visited;
        return heap.ToSortedHits();
    }

    /// <summary>Moves the (end - start) best-scored lists of _order[start..] into [start, end), in no order (quickselect).</summary>
    private void SelectBest(int start, int end)
    {
        var lo = start;
        var hi = _lists.Length - 1;
        while (lo < hi && end > lo && end <= hi)
        {
            var pivot = _centroidScores[_order[(lo + hi) >>> 1]];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (_centroidScores[_order[i]] > pivot)
                {
                    i++;
                }

                while (_centroidScores[_order[j]] < pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (_order[i], _order[j]) = (_order[j], _order[i]);
                    i++;
                    j--;
                }
            }

            // [lo, j] >= pivot >= [i, hi]; the boundary "end" must fall between the two parts.
            if (end <= j)
            {
                hi = j;
            }
            else if (end >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }

    private int Admitted(FilterMask mask)
    {
        var admitted = 0;
        foreach (var (word, count) in _wordCounts)
        {
            if (mask.Admits(word))
            {
                admitted += count;
            }
        }

        return admitted;
    }

    private void File(int list, ReadOnlySpan<float> unit, uint word, Look look)
    {
        var row = _lists[list].Append(unit, word, look);
        _where[look.Id] = (list, row);
        Tally(word, +1);
    }

    private void Tally(uint word, int delta)
    {
        var count = _wordCounts.GetValueOrDefault(word) + delta;
        if (count == 0)
        {
            _wordCounts.Remove(word);
        }
        else
        {
            _wordCounts[word] = count;
        }
    }

    /// <summary>Rebuilds one list sorted by filter word, without its tombstones, once they or unsorted rows pass the compaction share.</summary>
    private void CompactIfDrifted(int list)
    {
        var rows = _lists[list];
        var drift = Math.Max(rows.Count - rows.Live, rows.Count - rows.Sorted);
        if (rows.Count < 4 * BlockRows.Width || drift <= rows.Count * _options.CompactShare)
        {
            return;
        }

        var live = new List<int>(rows.Live);
        for (var row = 0; row < rows.Count; row++)
        {
            if (rows.LookAt(row) is not null)
            {
                live.Add(row);
            }
        }

        live.Sort((a, b) => rows.AttributesAt(a).CompareTo(rows.AttributesAt(b)));
        var compacted = new BlockRows();
        Span<float> unit = stackalloc float[Dims];
        foreach (var row in live)
        {
            rows.CopyUnit(row, unit);
            var look = rows.LookAt(row)!;
            _where[look.Id] = (list, compacted.Append(unit, rows.AttributesAt(row), look));
        }

        compacted.Sorted = compacted.Count;
        _lists[list] = compacted;
    }

    private static BlockRows Uniform()
    {
        var centroids = new BlockRows();
        Span<float> unit = stackalloc float[Dims];
        unit.Fill(1f / MathF.Sqrt(Dims));
        centroids.Append(unit, uint.MaxValue, null);
        return centroids;
    }
}
