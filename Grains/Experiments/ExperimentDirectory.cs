using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Experiments;

/// <summary>
/// Each silo's copy of the experiment definitions, for its user grains: which variants a user is in now and the
/// options those give. It asks the registry (<see cref="IExperimentRegistryGrain.GetIfNewer"/>) at most once per
/// <see cref="ExperimentsOptions.RefreshPeriod"/>, whatever the number of reads, and the answer is empty unless the
/// definitions changed; the assignment is a hash (<see cref="ExperimentAssignment"/>) and the effective options of
/// each combination of variants are made once per copy, so a user grain's read costs no call and no allocation.
/// </summary>
public sealed class ExperimentDirectory(
    IGrainFactory grains,
    IOptions<ExperimentsOptions> options,
    IOptions<RankingOptions> ranking,
    IOptions<TasteOptions> taste,
    TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, UserArms> _combinations = new(StringComparer.Ordinal);
    private ExperimentCatalog _catalog = ExperimentCatalog.Empty;
    private long _fetchedAt = long.MinValue;
    private Task? _refresh;

    /// <summary>The arms of nobody's experiments: the configured options.</summary>
    public UserArms Default => field ??= new UserArms([], null, ranking.Value, taste.Value);

    /// <summary>The variants <paramref name="userId"/> is in at <paramref name="now"/> and the options they give.</summary>
    public async ValueTask<UserArms> ArmsAsync(string userId, DateTimeOffset now)
    {
        if (IsStale())
        {
            await RefreshAsync();
        }

        return ArmsOf(_catalog, userId, now);
    }

    private UserArms ArmsOf(ExperimentCatalog catalog, string userId, DateTimeOffset now)
    {
        ImmutableArray<ExperimentArm>.Builder? arms = null;
        List<ExperimentVariant>? variants = null;
        foreach (var experiment in catalog.Experiments)
        {
            if (!experiment.IsRunningAt(now))
            {
                continue;
            }

            var variant = ExperimentAssignment.VariantOf(experiment, userId);
            (arms ??= ImmutableArray.CreateBuilder<ExperimentArm>()).Add(new ExperimentArm(experiment.Name, variant.Name));
            (variants ??= []).Add(variant);
        }

        if (arms is null)
        {
            return Default;
        }

        // The registry keeps experiments in the order they were defined; the signature is in name order so it
        // names the same combination the same way on every silo.
        var signature = string.Join(';', arms.Select(a => $"{a.Experiment}/{a.Variant}").Order(StringComparer.Ordinal));
        return _combinations.GetOrAdd(signature, static (key, state) =>
        {
            var overrides = state.Variants.SelectMany(v => v.Options);
            var (r, t) = VariantOptions.Apply(state.Directory.Default.Ranking, state.Directory.Default.Taste, overrides);
            return new UserArms([.. state.Arms.OrderBy(a => a.Experiment, StringComparer.Ordinal)], key, r, t);
        }, (Directory: this, Arms: arms, Variants: variants!));
    }

    private bool IsStale()
    {
        var period = options.Value.RefreshPeriod;
        return period <= TimeSpan.Zero || _fetchedAt == long.MinValue || clock.GetElapsedTime(_fetchedAt) >= period;
    }

    /// <summary>One question to the registry at a time; reads that find the copy stale meanwhile wait for its answer.</summary>
    private Task RefreshAsync()
    {
        lock (_gate)
        {
            return _refresh ??= FetchAsync();
        }
    }

    private async Task FetchAsync()
    {
        try
        {
            var asked = clock.GetTimestamp();
            if (await grains.GetGrain<IExperimentRegistryGrain>(0).GetIfNewer(_catalog.Version) is { } newer)
            {
                _combinations.Clear();
                _catalog = newer;
            }

            _fetchedAt = asked;
        }
        finally
        {
            lock (_gate)
            {
                _refresh = null;
            }
        }
    }
}
