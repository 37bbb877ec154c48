using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>An experiment as the admin routes return it: the definition and its status now.</summary>
public sealed record ExperimentView(
    string Name,
    string Status,
    ImmutableArray<ExperimentVariant> Variants,
    DateTimeOffset StartsAt,
    DateTimeOffset? StopsAt,
    DateTimeOffset CreatedAt)
{
    public const string Path = "/api/v1/experiments";

    public static ExperimentView Of(Experiment experiment, DateTimeOffset now) =>
        new(experiment.Name, experiment.StatusAt(now), experiment.Variants, experiment.StartsAt, experiment.StopsAt, experiment.CreatedAt);
}

/// <summary>Every experiment defined, oldest first.</summary>
public sealed record ExperimentList(ImmutableArray<ExperimentView> Items);
