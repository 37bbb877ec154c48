using System.Collections.Immutable;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Experiments;

/// <summary>
/// A user's place in the running experiments: the variant of each (<see cref="Arms"/>, in experiment-name order),
/// the effective options those variants give, and a signature that changes whenever the arms do, which the user
/// grain keeps in its context stamp so that a start or a stop moves the looks' version.
/// </summary>
public sealed record UserArms(ImmutableArray<ExperimentArm> Arms, string? Signature, RankingOptions Ranking, TasteOptions Taste)
{
    public bool IsEmpty => Arms.IsEmpty;
}
