using System.Diagnostics.Metrics;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The platform's own metrics (meter "OtMz"), exported by the hosts through OpenTelemetry and scraped by
/// Prometheus: signals per second, recompute, shard-query and push latency, push lag and signals shed under
/// overload, catalog load times.
/// </summary>
public static class OtMzMetrics
{
    public const string MeterName = "OtMz";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Signals applied (duplicates excluded); its rate is signals per second.</summary>
    public static Counter<long> SignalsApplied { get; } = Meter.CreateCounter<long>("otmz.signals.applied", "{signal}", "Signals applied to user tastes.");

    public static Counter<long> SignalsDuplicated { get; } = Meter.CreateCounter<long>("otmz.signals.duplicates", "{signal}", "Signals acknowledged and ignored as redeliveries.");

    public static Histogram<double> RecomputeDuration { get; } = Meter.CreateHistogram<double>("otmz.recompute.duration", "ms", "Fan-out, merge and re-rank of one user's looks.");

    public static Histogram<double> ShardQueryDuration { get; } = Meter.CreateHistogram<double>("otmz.shard.query.duration", "ms", "One catalog shard's filtered top-k scan.");

    /// <summary>From the change that scheduled a push to its publication: what the overload gate judges.</summary>
    public static Histogram<double> PushLag { get; } = Meter.CreateHistogram<double>("otmz.push.lag", "ms", "How long the oldest change a push carries waited for it.");

    /// <summary>Signals refused with 503 because the silo was behind on its pushes.</summary>
    public static Counter<long> SignalsShed { get; } = Meter.CreateCounter<long>("otmz.signals.shed", "{signal}", "New signals refused while the silo's pushes were behind.");

    /// <summary>One catalog shard's activation: reading its slice from the store and indexing it in memory.</summary>
    public static Histogram<double> ShardLoadDuration { get; } = Meter.CreateHistogram<double>("otmz.catalog.shard.load.duration", "ms", "One catalog shard loading its slice when it activates.");

    /// <summary>A silo's start-up warm: every catalog shard activated and loaded (one value per silo start).</summary>
    public static Histogram<double> CatalogWarmDuration { get; } = Meter.CreateHistogram<double>("otmz.catalog.warm.duration", "s", "A silo warming every catalog shard at start.");

    public static Histogram<double> PushDuration { get; } = Meter.CreateHistogram<double>("otmz.push.duration", "ms", "From a user grain publishing an update to the Api node handing it to SignalR.");
}
