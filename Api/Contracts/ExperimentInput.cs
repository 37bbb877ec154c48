using System.Collections.Immutable;
using System.ComponentModel;

namespace OtMz.Api.Contracts;

/// <summary>The body of POST /experiments. Missing or malformed fields are reported by name.</summary>
[Description("An A/B experiment: its name, its variants (their shares sum to 1) and, optionally, when it starts (default now) and stops.")]
public sealed record ExperimentInput(
    string? Name,
    ExperimentVariantInput?[]? Variants,
    DateTimeOffset? StartsAt,
    DateTimeOffset? StopsAt)
{
    public ExperimentDraft ToDraft() => new(
        Name ?? "",
        Variants is null ? [] : [.. Variants.Select(v => v is null ? null! : new ExperimentVariant(v.Name ?? "", v.Share ?? double.NaN,
            (v.Options ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal)))],
        StartsAt,
        StopsAt);
}

/// <summary>One variant: a name, a share of users, and the options it overrides ("Ranking:SeenPenalty": 0.4).</summary>
[Description("A variant: its name, its share of users (more than 0, at most 1), and the ranking and taste options it overrides, keyed 'Section:Name' as in configuration. A variant without options is a control.")]
public sealed record ExperimentVariantInput(string? Name, double? Share, Dictionary<string, double>? Options);
