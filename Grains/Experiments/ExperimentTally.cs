using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace OtMz.Grains.Experiments;

/// <summary>
/// Where a silo's user grains count impressions and signals per variant: an addition in memory on the hot path,
/// and every <see cref="ExperimentsOptions.FlushPeriod"/> one call per variant to its counter grain
/// (<see cref="IExperimentCounterGrain"/>) with what was added since (<see cref="ExperimentFlush"/>). A flush that
/// fails puts its counts back for the next one, and the silo flushes once more as it stops, so no count is lost
/// (a call that timed out after its counter applied it would count twice).
/// </summary>
public sealed class ExperimentTally(IGrainFactory grains, ILogger<ExperimentTally> logger)
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Dictionary<ExperimentArm, VariantCounts> _pending = [];

    /// <summary>Adds <paramref name="delta"/> to each of <paramref name="arms"/>.</summary>
    public void Add(ImmutableArray<ExperimentArm> arms, VariantCounts delta)
    {
        if (arms.IsDefaultOrEmpty || delta.IsZero)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var arm in arms)
            {
                _pending[arm] = _pending.TryGetValue(arm, out var counts) ? counts.Plus(delta) : delta;
            }
        }
    }

    /// <summary>Sends what was counted since the last flush to the counter grains.</summary>
    public async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            Dictionary<ExperimentArm, VariantCounts> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                (batch, _pending) = (_pending, []);
            }

            await Task.WhenAll(batch.Select(async entry =>
            {
                try
                {
                    await grains.GetGrain<IExperimentCounterGrain>(IExperimentCounterGrain.KeyOf(entry.Key)).Add(entry.Value);
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Counts of {Experiment}/{Variant} not flushed; kept for the next flush", entry.Key.Experiment, entry.Key.Variant);
                    Add([entry.Key], entry.Value);
                }
            }));
        }
        finally
        {
            _flushing.Release();
        }
    }
}
