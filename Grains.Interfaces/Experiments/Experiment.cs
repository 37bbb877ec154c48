using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// An A/B experiment as operators define it: variants that override some ranking and taste options for a share of
/// the users each, and the time it runs. Definitions never change once made (so a user keeps their variant); an
/// experiment only stops. The registry (<see cref="IExperimentRegistryGrain"/>) keeps them, and each silo's user
/// grains read them from a local copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.experiment")]
public sealed record Experiment(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<ExperimentVariant> Variants,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset? StopsAt,
    [property: Id(4)] DateTimeOffset CreatedAt)
{
    public const int MaxVariants = 10;

    /// <summary>Whether the experiment runs at <paramref name="now"/>: started and not yet stopped.</summary>
    public bool IsRunningAt(DateTimeOffset now) => StartsAt <= now && (StopsAt is not { } stop || now < stop);

    /// <summary>Whether its running time and <paramref name="other"/>'s share any instant.</summary>
    public bool OverlapsInTime(Experiment other) =>
        (other.StopsAt is not { } otherStop || StartsAt < otherStop) && (StopsAt is not { } stop || other.StartsAt < stop);

    /// <summary>"scheduled", "running" or "stopped" at <paramref name="now"/>.</summary>
    public string StatusAt(DateTimeOffset now) => now < StartsAt ? "scheduled" : IsRunningAt(now) ? "running" : "stopped";
}

/// <summary>
/// One arm of an experiment: its name, the share of users it gets (the shares of an experiment sum to 1), and the
/// options it overrides, keyed "Section:Name" as in configuration ("Ranking:SeenPenalty", "Taste:LearningRate").
/// A variant without overrides is the control.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.experiment-variant")]
public sealed record ExperimentVariant(
    [property: Id(0)] string Name,
    [property: Id(1)] double Share,
    [property: Id(2)] ImmutableSortedDictionary<string, double> Options);

/// <summary>Which variant of which experiment produced a list: every list and push of looks names its arms.</summary>
[GenerateSerializer, Immutable, Alias("otmz.experiment-arm")]
public sealed record ExperimentArm(
    [property: Id(0)] string Experiment,
    [property: Id(1)] string Variant);

/// <summary>What an operator sends to define an experiment; <see cref="StartsAt"/> null means now.</summary>
[GenerateSerializer, Immutable, Alias("otmz.experiment-draft")]
public sealed record ExperimentDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<ExperimentVariant> Variants,
    [property: Id(2)] DateTimeOffset? StartsAt = null,
    [property: Id(3)] DateTimeOffset? StopsAt = null);

/// <summary>Every experiment defined, at the registry's version; what each silo's directory copies.</summary>
[GenerateSerializer, Immutable, Alias("otmz.experiment-catalog")]
public sealed record ExperimentCatalog(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<Experiment> Experiments)
{
    public static ExperimentCatalog Empty { get; } = new(0, []);
}

/// <summary>Why a command on an experiment failed: what HTTP status it becomes is the Api's choice.</summary>
public enum ExperimentFailure
{
    None,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>The experiment after a command, or the fields that were wrong and what kind of wrong.</summary>
[GenerateSerializer, Immutable, Alias("otmz.experiment-result")]
public sealed record ExperimentResult(
    [property: Id(0)] Experiment? Experiment,
    [property: Id(1)] ImmutableArray<FieldError> Errors,
    [property: Id(2)] ExperimentFailure Failure = ExperimentFailure.None)
{
    public static ExperimentResult Ok(Experiment experiment) => new(experiment, []);

    public static ExperimentResult Failed(ExperimentFailure failure, params FieldError[] errors) => new(null, [.. errors], failure);
}
