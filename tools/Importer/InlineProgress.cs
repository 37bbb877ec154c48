namespace OtMz.Importer;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread, in order. The BCL's
/// <see cref="Progress{T}"/> posts to the thread pool instead, so a report could arrive after the run returned.
/// </summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
