using System.Diagnostics;

namespace OtMz.LoadGenerator;

/// <summary>
/// CPU time of the processes a run compares: the generator's own and, with --server-pid, the server's (user +
/// system, all threads, of that process alone), and the per-signal figures the report prints from them.
/// </summary>
public sealed class ProcessCpu(int? serverPid)
{
    /// <summary>How long the server's idle use is sampled after the grace, every client still connected.</summary>
    public static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(3);

    public static TimeSpan Own() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>The server process's total CPU time, or null when there is none to read or it cannot be read.</summary>
    public TimeSpan? Server()
    {
        if (serverPid is not { } pid)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the server burns with every client still connected and nothing sent (keep-alives, timers, queue polls),
    /// in cores, from <paramref name="at"/> (its CPU time when the grace ended) over <see cref="IdleSample"/>. Sampled
    /// after the run rather than before it, when connecting's own work would still be in it.
    /// </summary>
    public async Task<double> IdleCoresAsync(TimeSpan at, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await Task.Delay(IdleSample, ct);
        }
        catch (OperationCanceledException)
        {
        }

        return ((Server() ?? at) - at).TotalSeconds / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The server's use from the first measured signal (<paramref name="from"/>) to the end of the grace
    /// (<paramref name="to"/>), per accepted measured signal, and net of the idle rate over the same wall time.
    /// </summary>
    public static ServerCpuUse Use(int pid, double idleCores, TimeSpan from, TimeSpan to, double wallSeconds, long signals)
    {
        var cpuMs = (to - from).TotalMilliseconds;
        return new ServerCpuUse(pid, idleCores, cpuMs, wallSeconds, cpuMs / 1000 / wallSeconds, signals,
            signals > 0 ? cpuMs / signals : 0, signals > 0 ? (cpuMs - idleCores * wallSeconds * 1000) / signals : 0);
    }
}
