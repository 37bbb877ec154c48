using System.Globalization;

namespace OtMz.LoadGenerator;

/// <summary>
/// CPU time the hypervisor gave to something else while this virtual machine's cores were ready to run: the
/// "steal" field of the aggregate "cpu" line of Linux's /proc/stat, summed over all cores. The kernel takes it from
/// the host's steal clock. The same line's busy and idle ticks are not used: in this project's test VM, under load,
/// they added up to about three quarters of the elapsed time, and counted less busy time for the whole machine than
/// the server process alone used (docs/performance.md, "Machine").
/// </summary>
public static class StolenTime
{
    /// <summary>Linux reports /proc/stat in USER_HZ ticks, 100 per second on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Stolen time since boot, or null where /proc/stat cannot be read or parsed (not Linux).</summary>
    public static TimeSpan? Read()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The steal field (the 8th value) of the aggregate line "cpu  user nice system idle iowait irq softirq steal ...".</summary>
    public static TimeSpan? Parse(string? line)
    {
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 9 } && fields[0] == "cpu"
            && long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? TimeSpan.FromSeconds(ticks / TicksPerSecond)
            : null;
    }
}
