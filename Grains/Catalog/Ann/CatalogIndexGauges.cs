using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OtMz.Grains.Catalog.Ann;

/// <summary>
/// The index gauges of meter "OtMz", per catalog shard on this silo: looks indexed, index bytes, whether a build
/// runs and how far it has come, and the lowest self-check recall of the silo's shards. A gauge is read on the
/// exporter's thread, so it never calls a grain: each <see cref="CatalogShardGrain"/> activation holds a
/// <see cref="Board"/>, publishes an immutable reading on it from its turns, and the callbacks read the boards.
/// Tagged by silo endpoint as well as shard, so that silos sharing a process (tests) never overwrite each other.
/// </summary>
public static class CatalogIndexGauges
{
    private static readonly ConcurrentDictionary<Board, byte> Boards = new();

    private static readonly Meter Meter = new(OtMzMetrics.MeterName);

    static CatalogIndexGauges()
    {
        Meter.CreateObservableGauge("otmz.catalog.index.looks", () => PerShard(r => r.IndexedLooks), "{look}",
            "Looks a catalog shard's approximate index holds; 0 while the shard scans exactly.");
        Meter.CreateObservableGauge("otmz.catalog.index.bytes", () => PerShard(r => r.IndexBytes), "By",
            "Memory of a catalog shard's approximate index, from the lengths of its arrays.");
        Meter.CreateObservableGauge("otmz.catalog.index.building", () => PerShard(r => r.Building ? 1 : 0), "{build}",
            "1 while a catalog shard builds its index (the first, or a rebuild), else 0.");
        Meter.CreateObservableGauge("otmz.catalog.index.build.progress", BuildProgress, unit: null,
            "Share done of the index build running in a catalog shard; only shards with a running build report.");
        Meter.CreateObservableGauge("otmz.catalog.index.recall", LowestRecall, unit: null,
            "Lowest recall@20 of the last self-check among this silo's catalog shards that have one.");
    }

    /// <summary>A board for one shard activation on the silo at <paramref name="silo"/>; dispose it when the activation ends.</summary>
    public static Board Register(string silo, int shard)
    {
        var board = new Board(silo, shard);
        Boards[board] = 0;
        return board;
    }

    private static IEnumerable<Measurement<long>> PerShard(Func<Reading, long> value) =>
        Boards.Keys.Select(b => new Measurement<long>(value(b.Now), b.Tags));

    private static IEnumerable<Measurement<double>> BuildProgress() =>
        Boards.Keys.Where(b => b.Progress is not null).Select(b => new Measurement<double>(b.Progress?.Fraction ?? 1, b.Tags));

    private static IEnumerable<Measurement<double>> LowestRecall() =>
        Boards.Keys.Where(b => b.Now.Recall is not null).GroupBy(b => b.Silo)
            .Select(g => new Measurement<double>(g.Min(b => b.Now.Recall!.Value), new KeyValuePair<string, object?>("silo", g.Key)));

    /// <summary>What the gauges show of one shard.</summary>
    public sealed record Reading(long IndexedLooks, long IndexBytes, bool Building, double? Recall);

    /// <summary>One shard activation's published reading; written in its turns, read by the gauges from any thread.</summary>
    public sealed class Board : IDisposable
    {
        private volatile Reading _now = new(0, 0, false, null);
        private volatile IndexBuildProgress? _progress;

        internal Board(string silo, int shard)
        {
            Silo = silo;
            Tags = [new("silo", silo), new("shard", shard)];
        }

        public string Silo { get; }

        internal KeyValuePair<string, object?>[] Tags { get; }

        public Reading Now => _now;

        internal IndexBuildProgress? Progress => _progress;

        /// <summary>Publishes the shard's figures; the running build's progress is read live, it is thread-safe.</summary>
        public void Publish(ShardSearch search)
        {
            _progress = search.Progress;
            _now = new Reading(search.Index?.Count ?? 0, search.Index?.MemoryBytes ?? 0, search.Progress is not null, search.SelfCheck?.RecallAt20);
        }

        public void Dispose() => Boards.TryRemove(this, out _);
    }
}
