namespace OtMz.Grains.Experiments;

/// <summary>
/// One variant's totals. It is written once per silo flush (<see cref="ExperimentTally"/>), not once per signal,
/// so a busy variant costs each silo one call and one write per flush period.
/// </summary>
public sealed class ExperimentCounterGrain(
    [PersistentState("counts", "experiments")] IPersistentState<ExperimentCounterState> state) : Grain, IExperimentCounterGrain
{
    public async Task Add(VariantCounts delta)
    {
        state.State.Counts = state.State.Counts.Plus(delta);
        await state.WriteStateAsync();
    }

    public Task<VariantCounts> Get() => Task.FromResult(state.State.Counts);
}
