using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Experiments;

/// <summary>
/// Each silo's copy of the experiment definitions, for its user grains: which variants a user is in now and the
/// options those give. It asks the registry (<see cref="IExperimentRegistryGrain.GetIfNewer"/>) at most once per
/// <see cref="ExperimentsOptions.RefreshPeriod"/>, whatever the number of reads, and the answer is empty unless the
/// definitions changed; the assignment is a hash (<see cref="ExperimentAssignment"/>) and the effective options of
/// each combination of variants are made once per copy. A user grain keeps its answer until the copy changes or
/// an experiment starts or stops, so its reads cost no call and no allocation.
/// </summary>
public sealed class ExperimentDirectory(
    IGrainFactory grains,
    IOptions<ExperimentsOptions> options,
    IOptions<RankingOptions> ranking,
    IOptions<TasteOptions> taste,
    TimeProvider clock,
    ILogger<ExperimentDirectory> logger)
{
    private readonly ConcurrentDictionary<string, UserArms> _combinations = new(StringComparer.Ordinal);
    private volatile ExperimentCatalog _catalog = ExperimentCatalog.Empty;
    private long _fetchedAt = long.MinValue;
    private SingleFlight? _refresh;

    /// <summary>The registry's version of the copy; it moves with every definition and stop.</summary>
    public long Version => _catalog.Version;

    /// <summary>The arms of nobody's experiments: the configured options.</summary>
    public UserArms Default => field ??= new UserArms([], null, ranking.Value, taste.Value);

    /// <summary>Asks the registry for changes if the copy is older than the refresh period; completes at once otherwise.</summary>
    public ValueTask EnsureFreshAsync() => IsStale() ? new ValueTask(RefreshAsync()) : ValueTask.CompletedTask;

    /// <summary>
    /// The variants <paramref name="userId"/> is in at <paramref name="now"/> and the options they give, from the copy
    /// at <c>Version</c>; they hold until <c>ValidUntil</c> (the next start or stop) unless the copy changes first, so
    /// a grain keeps them until then instead of asking again.
    /// </summary>
    public (UserArms Arms, long Version, DateTimeOffset ValidUntil) ArmsOf(string userId, DateTimeOffset now)
    {
        var catalog = _catalog;
        var validUntil = DateTimeOffset.MaxValue;
        ImmutableArray<ExperimentArm>.Builder? arms = null;
        List<ExperimentVariant>? variants = null;
        foreach (var experiment in catalog.Experiments)
        {
            if (now < experiment.StartsAt && experiment.StartsAt < validUntil)
            {
                validUntil = experiment.StartsAt;
            }

            if (!experiment.IsRunningAt(now))
            {
                continue;
            }

            if (experiment.StopsAt is { } stop && stop < validUntil)
            {
                validUntil = stop;
            }

            var variant = ExperimentAssignment.VariantOf(experiment, userId);
            (arms ??= ImmutableArray.CreateBuilder<ExperimentArm>()).Add(new ExperimentArm(experiment.Name, variant.Name));
            (variants ??= []).Add(variant);
        }

        return (arms is null ? Default : Combination(arms, variants!), catalog.Version, validUntil);
    }

    private UserArms Combination(ImmutableArray<ExperimentArm>.Builder arms, List<ExperimentVariant> variants)
    {
        // The registry keeps experiments in the order they were defined; the signature is in name order so it
        // names the same combination the same way on every silo.
        var signature = string.Join(';', arms.Select(a => $"{a.Experiment}/{a.Variant}").Order(StringComparer.Ordinal));
        return _combinations.GetOrAdd(signature, static (key, state) =>
        {
            var overrides = state.Variants.SelectMany(v => v.Options);
            var (r, t) = VariantOptions.Apply(state.Directory.Default.Ranking, state.Directory.Default.Taste, overrides);
            return new UserArms([.. state.Arms.OrderBy(a => a.Experiment, StringComparer.Ordinal)], key, r, t);
        }, (Directory: this, Arms: arms, Variants: variants));
    }

    private bool IsStale()
    {
        var period = options.Value.RefreshPeriod;
        return period <= TimeSpan.Zero || _fetchedAt == long.MinValue || clock.GetElapsedTime(_fetchedAt) >= period;
    }

    /// <summary>One question to the registry at a time; reads that find the copy stale meanwhile wait for its answer.</summary>
    private Task RefreshAsync() => LazyInitializer.EnsureInitialized(ref _refresh, () => new SingleFlight(FetchAsync)).RunAsync();

    /// <summary>
    /// Takes the registry's definitions if they changed. When the registry cannot be reached the copy stays as it was
    /// until the next period: reads go on with the variants they had rather than fail with it.
    /// </summary>
    private async Task FetchAsync()
    {
        var asked = clock.GetTimestamp();
        try
        {
            if (await grains.GetGrain<IExperimentRegistryGrain>(0).GetIfNewer(_catalog.Version) is { } newer)
            {
                // A read on the old copy may add a combination after this; definitions never change, so a
                // combination's options are the same whichever copy made them.
                _combinations.Clear();
                _catalog = newer;
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Experiment definitions not refreshed; keeping version {Version} until the next try", _catalog.Version);
        }

        _fetchedAt = asked;
    }
}
