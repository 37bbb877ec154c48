using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// An experiment's online metrics: per variant the counts and each rate per impression with its 95 % interval,
/// and per other variant its difference from the baseline with a 95 % interval (docs/design.md, "Experiments").
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.experiment-report")]
public sealed record ExperimentReport(
    [property: Id(0)] string Experiment,
    [property: Id(1)] string Status,
    [property: Id(2)] string Baseline,
    [property: Id(3)] DateTimeOffset GeneratedAt,
    [property: Id(4)] ImmutableArray<VariantReport> Variants,
    [property: Id(5)] ImmutableArray<VariantComparison> Comparisons);

[GenerateSerializer, Immutable, Alias("otmz.variant-report")]
public sealed record VariantReport(
    [property: Id(0)] string Variant,
    [property: Id(1)] VariantCounts Counts,
    [property: Id(2)] ImmutableArray<MetricEstimate> Metrics);

/// <summary>
/// One metric's point estimate and 95 % interval. <see cref="Method"/> names the interval: "wilson" for a rate per
/// impression, "normal" for the mean dwell per impression, "newcombe" and "welch" for differences.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.metric-estimate")]
public sealed record MetricEstimate(
    [property: Id(0)] string Metric,
    [property: Id(1)] double Value,
    [property: Id(2)] double Low,
    [property: Id(3)] double High,
    [property: Id(4)] string Method);

/// <summary>A variant against the baseline: each metric's difference (variant − baseline) with its 95 % interval.</summary>
[GenerateSerializer, Immutable, Alias("otmz.variant-comparison")]
public sealed record VariantComparison(
    [property: Id(0)] string Variant,
    [property: Id(1)] ImmutableArray<MetricEstimate> Differences);

/// <summary>A report, or why there is none (an unknown experiment or baseline variant).</summary>
[GenerateSerializer, Immutable, Alias("otmz.experiment-report-result")]
public sealed record ExperimentReportResult(
    [property: Id(0)] ExperimentReport? Report,
    [property: Id(1)] ImmutableArray<FieldError> Errors,
    [property: Id(2)] ExperimentFailure Failure = ExperimentFailure.None);
