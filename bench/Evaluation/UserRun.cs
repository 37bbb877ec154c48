namespace OtMz.Evaluation;

/// <summary>One list a system showed a user in one round, and the learned taste that produced it.</summary>
public sealed record ListObservation(int Round, IReadOnlyList<int> Shown, float[] LearnedTaste);

/// <summary>Everything one system showed one user, round by round.</summary>
public sealed record UserRun(SimulatedUser User, IReadOnlyList<ListObservation> Rounds);
