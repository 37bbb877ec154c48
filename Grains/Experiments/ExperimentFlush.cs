using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OtMz.Grains.Experiments;

/// <summary>
/// Flushes the silo's <see cref="ExperimentTally"/> every <see cref="ExperimentsOptions.FlushPeriod"/> while the
/// silo is active, and once more as it stops, before the grains it calls go away. It keeps the real clock: a test's
/// fake grain clock must not stop the counts.
/// </summary>
public sealed class ExperimentFlush(ExperimentTally tally, IOptions<ExperimentsOptions> options, ILogger<ExperimentFlush> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ExperimentFlush), ServiceLifecycleStage.Active, Start, StopAsync);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.FlushPeriod, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        await FlushAsync();
    }

    private async Task FlushAsync()
    {
        try
        {
            await tally.FlushAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Experiment counts not flushed");
        }
    }
}
