using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Reads a nettrace of the runtime's GC events (dotnet-trace collect --providers
// Microsoft-Windows-DotNETRuntime:0x1:5) and prints what the server allocated and what its collections cost;
// with a type name, where that type was allocated (the sampled allocation events' call stacks).
const string Usage = """
    usage: OtMz.GcTrace TRACE.nettrace              allocation rate by type, collections, promoted bytes, pauses
           OtMz.GcTrace TRACE.nettrace TYPE [N]     where TYPE (e.g. System.Byte[]) was allocated, N frames [8]
           OtMz.GcTrace TRACE.nettrace --timeline   every collection and every pause at its wall-clock time (UTC)
    """;

if (args.Length is < 1 or > 3 || (args.Length == 3 && !(int.TryParse(args[2], out var n) && n > 0)))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

if (!File.Exists(args[0]))
{
    Console.Error.WriteLine($"no such trace: {args[0]}");
    return 2;
}

if (args.Length == 1)
{
    Summarize(args[0]);
}
else if (args[1] == "--timeline")
{
    Timeline(args[0]);
}
else
{
    AllocationSites(args[0], args[1], args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8);
}

return 0;

static void Summarize(string file)
{
    using var source = new EventPipeEventSource(file);
    var byType = new Dictionary<string, long>();
    long allocated = 0;
    double first = double.NaN, last = 0;
    var generations = new List<int>();
    var promoted = new List<long>();
    var pauses = new List<double>();
    source.Clr.GCAllocationTick += e =>
    {
        byType[e.TypeName ?? "?"] = byType.GetValueOrDefault(e.TypeName ?? "?") + e.AllocationAmount64;
        allocated += e.AllocationAmount64;
        first = double.IsNaN(first) ? e.TimeStampRelativeMSec : first;
        last = e.TimeStampRelativeMSec;
    };
    source.Clr.GCStart += e => generations.Add(e.Depth);
    source.Clr.GCHeapStats += e => promoted.Add(e.TotalPromotedSize0);
    OnPause(source, (_, ms) => pauses.Add(ms));
    source.Process();

    var seconds = (last - first) / 1000;
    if (!(seconds > 0))
    {
        Console.WriteLine("no allocation events: was the trace taken with the GC keyword at level 5 (0x1:5)?");
        return;
    }

    var young = Enumerable.Range(0, Math.Min(generations.Count, promoted.Count))
        .Where(i => generations[i] == 0).Select(i => promoted[i] / 1024.0).Order().ToList();
    var sortedPauses = pauses.Order().ToList();
    Console.WriteLine($"window {seconds:F2} s (first to last allocation event)");
    Console.WriteLine($"allocated {allocated / 1048576.0 / seconds:F1} MB/s (sampled: one event per 100 KB)");
    Console.WriteLine($"collections {generations.Count}: gen0 {generations.Count(g => g == 0)}, gen1 {generations.Count(g => g == 1)}, gen2 {generations.Count(g => g == 2)}; {generations.Count / seconds:F2}/s");
    if (young.Count > 0)
    {
        Console.WriteLine($"promoted by a gen0 collection: median {young[young.Count / 2]:F0} KB ({young[0]:F0}-{young[^1]:F0}); {young.Sum() / 1024 / seconds:F2} MB/s");
    }

    if (sortedPauses.Count > 0)
    {
        Console.WriteLine($"pauses: median {sortedPauses[sortedPauses.Count / 2]:F2} ms ({sortedPauses[0]:F2}-{sortedPauses[^1]:F2}); {sortedPauses.Sum():F1} ms in all, {sortedPauses.Sum() / seconds / 10:F2} % of the window");
    }

    Console.WriteLine("allocated by type:");
    foreach (var (type, bytes) in byType.OrderByDescending(t => t.Value).Take(15))
    {
        Console.WriteLine($"  {bytes * 100.0 / allocated,5:F1} % {bytes / 1048576.0 / seconds,7:F1} MB/s  {type}");
    }
}

// One line per collection (its start, generation, kind, reason and how long until it ended; a background gen2
// collection runs beside the program for most of that time) and one per pause of the program, so that both can be
// lined up with the load generator's latency slices, which give their start time in UTC too.
static void Timeline(string file)
{
    using var source = new EventPipeEventSource(file);
    var running = new Dictionary<long, (DateTime At, int Generation, GCType Type, GCReason Reason)>();
    source.Clr.GCStart += e => running[e.Count] = (e.TimeStamp.ToUniversalTime(), e.Depth, e.Type, e.Reason);
    source.Clr.GCStop += e =>
    {
        if (running.Remove(e.Count, out var gc))
        {
            var took = (e.TimeStamp.ToUniversalTime() - gc.At).TotalMilliseconds;
            Console.WriteLine($"{gc.At:HH:mm:ss.fff}  gen{gc.Generation} {gc.Type,-16} {took,9:F2} ms  #{e.Count} {gc.Reason}");
        }
    };
    OnPause(source, (at, ms) => Console.WriteLine($"{at:HH:mm:ss.fff}  pause {ms,9:F2} ms"));
    source.Process();
}

// A pause of the program: from the runtime starting to suspend it for a collection until it let it run again; told
// when it started (UTC) and how long it lasted (ms).
static void OnPause(EventPipeEventSource source, Action<DateTime, double> pause)
{
    DateTime? suspendedAt = null;
    var suspendedMs = 0.0;
    source.Clr.GCSuspendEEStart += e =>
    {
        suspendedAt = e.TimeStamp.ToUniversalTime();
        suspendedMs = e.TimeStampRelativeMSec;
    };
    source.Clr.GCRestartEEStop += e =>
    {
        if (suspendedAt is { } at)
        {
            pause(at, e.TimeStampRelativeMSec - suspendedMs);
        }

        suspendedAt = null;
    };
}

static void AllocationSites(string file, string type, int depth)
{
    using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(file));
    var sites = new Dictionary<string, long>();
    long total = 0;
    foreach (var data in log.Events)
    {
        if (data is not GCAllocationTickTraceData tick || tick.TypeName != type)
        {
            continue;
        }

        var frames = new List<string>();
        for (var frame = data.CallStack(); frame is not null && frames.Count < depth; frame = frame.Caller)
        {
            if (frame.CodeAddress.FullMethodName is { Length: > 0 } method)
            {
                frames.Add(method.Length > 120 ? method[..120] : method);
            }
        }

        var site = string.Join("\n      <- ", frames);
        sites[site] = sites.GetValueOrDefault(site) + tick.AllocationAmount64;
        total += tick.AllocationAmount64;
    }

    Console.WriteLine($"{type}: {total / 1048576.0:F0} MB sampled");
    foreach (var (site, bytes) in sites.OrderByDescending(s => s.Value).Take(20))
    {
        Console.WriteLine($"{bytes * 100.0 / Math.Max(1, total),5:F1} % {bytes / 1048576.0,6:F0} MB\n      {site}");
    }
}
