namespace OtMz.Hosting.Operations;

/// <summary>
/// Opens when the host has started: the silo (and its catalog warm-up) or the cluster client starts before
/// the web server does, so by then the process can serve. /health/startup answers 503 until then, and again
/// once shutdown begins.
/// </summary>
public sealed class StartupGate
{
    private volatile string? _reason = "starting";

    public bool IsOpen => _reason is null;

    public string? Reason => _reason;

    public void Open() => _reason = null;

    public void Close(string reason) => _reason = reason;
}
