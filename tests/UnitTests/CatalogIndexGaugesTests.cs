using System.Diagnostics.Metrics;
using OtMz.Grains.Catalog.Ann;
using static OtMz.UnitTests.LookSliceProperties;

namespace OtMz.UnitTests;

/// <summary>
/// The index gauges read what a shard published, through a real <see cref="MeterListener"/> on meter "OtMz": the
/// build's progress live while it runs, the index's looks and bytes once it took over, the lowest recall per silo,
/// and nothing of a shard whose board was disposed.
/// </summary>
public class CatalogIndexGaugesTests
{
    [Fact]
    public void TheGaugesShowWhatEachShardPublished()
    {
        var silo = $"gauge-test-{Guid.NewGuid():N}";
        var search = new ShardSearch(new AnnOptions(), annMinLooks: 100);
        foreach (var look in RandomLooks(new Random(1), 500))
        {
            search.Upsert(look);
        }

        using var board = CatalogIndexGauges.Register(silo, 2);
        using var other = CatalogIndexGauges.Register(silo, 3);
        var snapshot = search.StartBuildIfDue()!;
        board.Publish(search);
        search.Progress!.Report(CatalogIndexBuildPhase.Assigning, 0.5);

        var building = Observe(silo);
        Assert.Equal(1, building[("otmz.catalog.index.building", 2)]);
        Assert.Equal(0, building[("otmz.catalog.index.looks", 2)]);
        Assert.Equal(0.625, building[("otmz.catalog.index.build.progress", 2)], 6);
        Assert.Equal(0, building[("otmz.catalog.index.building", 3)]);
        Assert.False(building.ContainsKey(("otmz.catalog.index.build.progress", 3)));
        Assert.False(building.ContainsKey(("otmz.catalog.index.recall", -1)));

        var built = IvfIndex.Build(snapshot, search.Options);
        search.Complete(built, new CatalogIndexSelfCheck(32, 0.985, DateTimeOffset.UnixEpoch));
        board.Publish(search);
        var otherSearch = new ShardSearch(new AnnOptions(), annMinLooks: 10);
        foreach (var look in RandomLooks(new Random(2), 50))
        {
            otherSearch.Upsert(look);
        }

        otherSearch.Complete(IvfIndex.Build(otherSearch.StartBuildIfDue()!, otherSearch.Options), new CatalogIndexSelfCheck(32, 0.999, DateTimeOffset.UnixEpoch));
        other.Publish(otherSearch);

        var indexed = Observe(silo);
        Assert.Equal(0, indexed[("otmz.catalog.index.building", 2)]);
        Assert.Equal(500, indexed[("otmz.catalog.index.looks", 2)]);
        Assert.Equal(built.MemoryBytes, indexed[("otmz.catalog.index.bytes", 2)]);
        Assert.False(indexed.ContainsKey(("otmz.catalog.index.build.progress", 2)));
        Assert.Equal(0.985, indexed[("otmz.catalog.index.recall", -1)]);

        other.Dispose();
        Assert.False(Observe(silo).ContainsKey(("otmz.catalog.index.looks", 3)));
    }

    /// <summary>One collection of every index gauge, for this silo's series, keyed by instrument and shard (-1 for none).</summary>
    private static Dictionary<(string Name, int Shard), double> Observe(string silo)
    {
        var seen = new Dictionary<(string, int), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OtMzMetrics.MeterName && instrument.Name.StartsWith("otmz.catalog.index.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? tagSilo = null;
            var shard = -1;
            foreach (var (key, tag) in tags)
            {
                if (key == "silo")
                {
                    tagSilo = (string?)tag;
                }
                else if (key == "shard")
                {
                    shard = (int)tag!;
                }
            }

            if (tagSilo == silo)
            {
                seen[(instrument.Name, shard)] = value;
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
