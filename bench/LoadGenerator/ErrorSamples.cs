using System.Collections.Concurrent;

namespace OtMz.LoadGenerator;

/// <summary>
/// The first errors of a run (failed connects, closed connections, rejected or failed signals), kept so the report
/// can show a few. Connecting and sending note them from many threads; a cap keeps a failing run from hoarding them.
/// </summary>
public sealed class ErrorSamples
{
    private const int Kept = 50;

    /// <summary>How many the report shows.</summary>
    public const int Shown = 10;

    private readonly ConcurrentQueue<string> _errors = new();

    public void Note(string error)
    {
        if (_errors.Count < Kept)
        {
            _errors.Enqueue(error);
        }
    }

    public IReadOnlyList<string> First() => [.. _errors.Take(Shown)];
}
