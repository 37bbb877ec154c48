using System.Collections.Immutable;
using OtMz.Grains.Experiments;

namespace OtMz.UnitTests.Experiments;

/// <summary>
/// A user's variant follows from the experiment's name and their id alone, the same in every process, and the
/// variants get their shares of users within sampling error.
/// </summary>
public class ExperimentAssignmentTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static Experiment Split(string name, params (string Name, double Share)[] variants) =>
        new(name, [.. variants.Select(v => new ExperimentVariant(v.Name, v.Share, ImmutableSortedDictionary<string, double>.Empty))], Start, null, Start);

    [Fact]
    public void TheBucketIsAFixedFunctionOfTheNameAndTheUser()
    {
        // XxHash64 of "seen-penalty\nmina" with seed 0 is 0xa9c51677ad005f33 (computed apart from .NET, from the
        // XXH64 specification); its top 53 bits over 2^53 are the bucket. The same in every process and run
        // (string.GetHashCode is randomised per process), so a user keeps their variant across silos and restarts.
        Assert.Equal(ExperimentAssignment.Bucket("seen-penalty", "mina"), ExperimentAssignment.Bucket("seen-penalty", "mina"));
        Assert.Equal((0xa9c51677ad005f33UL >> 11) / (double)(1UL << 53), ExperimentAssignment.Bucket("seen-penalty", "mina"), 15);
        Assert.NotEqual(ExperimentAssignment.Bucket("seen-penalty", "mina"), ExperimentAssignment.Bucket("seen-penalty2", "mina"));
    }

    [Fact]
    public void TenThousandUsersSplitByTheSharesWithinSamplingErrorAndKeepTheirVariants()
    {
        var experiment = Split("diversity", ("control", 0.5), ("strong", 0.3), ("none", 0.2));
        var users = Enumerable.Range(0, 10_000).Select(i => $"user-{i}").ToList();

        var first = users.Select(u => ExperimentAssignment.VariantOf(experiment, u).Name).ToList();
        var again = users.Select(u => ExperimentAssignment.VariantOf(experiment, u).Name).ToList();

        Assert.Equal(first, again);
        foreach (var variant in experiment.Variants)
        {
            // Four standard deviations of a binomial count: a correct split fails this about once in 16,000 runs,
            // and the ids are fixed, so it either always passes or never does.
            var expected = users.Count * variant.Share;
            var sigma = Math.Sqrt(users.Count * variant.Share * (1 - variant.Share));
            Assert.InRange(first.Count(v => v == variant.Name), expected - 4 * sigma, expected + 4 * sigma);
        }
    }

    [Fact]
    public void AssignmentsInTwoExperimentsAreIndependent()
    {
        var a = Split("a", ("x", 0.5), ("y", 0.5));
        var b = Split("b", ("x", 0.5), ("y", 0.5));
        var users = Enumerable.Range(0, 10_000).Select(i => $"user-{i}").ToList();

        var same = users.Count(u => ExperimentAssignment.VariantOf(a, u).Name == ExperimentAssignment.VariantOf(b, u).Name);

        // Independent halves agree for half the users, within four standard deviations (50).
        Assert.InRange(same, 5_000 - 200, 5_000 + 200);
    }

    [Fact]
    public void EveryBucketFallsInAVariantEvenWhenTheSharesRoundBelowOne()
    {
        var thirds = Split("thirds", ("a", 1 / 3.0), ("b", 1 / 3.0), ("c", 1 / 3.0));

        Assert.All(Enumerable.Range(0, 3_000), i => Assert.Contains(ExperimentAssignment.VariantOf(thirds, $"u{i}"), thirds.Variants));
    }
}
