using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OtMz.Grains.Experiments;

/// <summary>
/// Keeps the experiments (storage "experiments": in memory in the embedded run, PostgreSQL in a cluster) and is
/// their only writer, so the checks against the other experiments (<see cref="ExperimentRules"/>) see every one.
/// Each silo's <see cref="ExperimentDirectory"/> copies the definitions when they change; reports read the
/// per-variant counters that the silos' <see cref="ExperimentTally"/> fill.
/// </summary>
public sealed class ExperimentRegistryGrain(
    [PersistentState("experiments", "experiments")] IPersistentState<ExperimentRegistryState> state,
    [FromKeyedServices(GrainClock.Key)] TimeProvider time,
    ILogger<ExperimentRegistryGrain> logger) : Grain, IExperimentRegistryGrain
{
    public async Task<ExperimentResult> Define(ExperimentDraft draft)
    {
        var result = ExperimentRules.Check(draft, state.State.Experiments, time.GetUtcNow());
        if (result.Experiment is not { } experiment)
        {
            return result;
        }

        state.State.Experiments.Add(experiment);
        await CommitAsync();
        logger.LogInformation("Experiment {Experiment} defined: {Variants} from {StartsAt:O} to {StopsAt:O}",
            experiment.Name, string.Join(", ", experiment.Variants.Select(v => $"{v.Name} {v.Share:0.###}")), experiment.StartsAt, experiment.StopsAt);
        return result;
    }

    public async Task<ExperimentResult> Stop(string name)
    {
        var index = state.State.Experiments.FindIndex(e => e.Name == name);
        if (index < 0)
        {
            return ExperimentResult.Failed(ExperimentFailure.NotFound, new FieldError("name", $"There is no experiment '{name}'."));
        }

        var experiment = state.State.Experiments[index];
        var now = time.GetUtcNow();
        if (experiment.StopsAt is { } stop && stop <= now)
        {
            return ExperimentResult.Ok(experiment);
        }

        // One stopped before it started never runs: both ends are now.
        var stopped = experiment with { StartsAt = experiment.StartsAt > now ? now : experiment.StartsAt, StopsAt = now };
        state.State.Experiments[index] = stopped;
        await CommitAsync();
        logger.LogInformation("Experiment {Experiment} stopped", name);
        return ExperimentResult.Ok(stopped);
    }

    public Task<ImmutableArray<Experiment>> List() => Task.FromResult(state.State.Experiments.ToImmutableArray());

    public Task<Experiment?> Get(string name) => Task.FromResult(state.State.Experiments.Find(e => e.Name == name));

    public Task<ExperimentCatalog?> GetIfNewer(long version) =>
        Task.FromResult(state.State.Version == version ? null : new ExperimentCatalog(state.State.Version, [.. state.State.Experiments]));

    public async Task<ExperimentReportResult> Report(string name, string? baseline)
    {
        if (state.State.Experiments.Find(e => e.Name == name) is not { } experiment)
        {
            return new ExperimentReportResult(null, [new FieldError("name", $"There is no experiment '{name}'.")], ExperimentFailure.NotFound);
        }

        var reference = baseline ?? experiment.Variants[0].Name;
        if (experiment.Variants.All(v => v.Name != reference))
        {
            return new ExperimentReportResult(null,
                [new FieldError("baseline", $"Experiment '{name}' has no variant '{reference}'; its variants are {string.Join(", ", experiment.Variants.Select(v => v.Name))}.")],
                ExperimentFailure.NotFound);
        }

        var counts = await Task.WhenAll(experiment.Variants.Select(v =>
            GrainFactory.GetGrain<IExperimentCounterGrain>(IExperimentCounterGrain.KeyOf(new ExperimentArm(name, v.Name))).Get()));
        var byVariant = experiment.Variants.Select((v, i) => (v.Name, Counts: counts[i])).ToList();
        var baseCounts = byVariant.First(v => v.Name == reference).Counts;
        var now = time.GetUtcNow();
        return new ExperimentReportResult(new ExperimentReport(name, experiment.StatusAt(now), reference, now,
            [.. byVariant.Select(v => new VariantReport(v.Name, v.Counts, ExperimentStats.Estimates(v.Counts)))],
            [.. byVariant.Where(v => v.Name != reference).Select(v => new VariantComparison(v.Name, ExperimentStats.Differences(v.Counts, baseCounts)))]), []);
    }

    private async Task CommitAsync()
    {
        state.State.Version++;
        await state.WriteStateAsync();
    }
}
