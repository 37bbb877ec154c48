namespace OtMz.Grains;

/// <summary>
/// One run of an operation at a time: callers that arrive while it runs share its task, and the first caller after
/// it ended starts the next. The silo-wide copies of the registries (experiments, campaigns) ask their registry
/// through one, so a thousand user grains finding the copy stale cost one call.
/// </summary>
public sealed class SingleFlight(Func<Task> run)
{
    private readonly object _gate = new();
    private Task? _running;

    public Task RunAsync()
    {
        lock (_gate)
        {
            if (_running is null || _running.IsCompleted)
            {
                _running = run();
            }

            return _running;
        }
    }
}
