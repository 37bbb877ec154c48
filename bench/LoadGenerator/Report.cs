using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OtMz.LoadGenerator;

public static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Milliseconds cut (never rounded up) to one decimal.</summary>
    public static string Ms(double ms) => (Math.Floor(ms * 10) / 10).ToString("F1", CultureInfo.InvariantCulture);

    private static string N(double x) => x.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double x, int decimals) =>
        (Math.Floor(x * Math.Pow(10, decimals)) / Math.Pow(10, decimals)).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static void Print(Result r, TextWriter o)
    {
        var c = r.Config;
        o.WriteLine();
        o.WriteLine($"OtMz load generator  {c.Url}  {c.Clients} clients  {c.Rate} signals/s  {c.Warmup} s warm-up + {c.Duration} s measured  grace {c.Grace} s  {c.Transport}  pick {c.Pick} seed {c.Seed}"
            + (c.Campaigns > 0 ? $"  {c.Campaigns} campaigns at budget scale {c.CampaignBudgetScale}" : ""));
        o.WriteLine($"machine: {r.Machine.ProcessorCount} cores, {r.Machine.Os}, {r.Machine.Runtime}");
        o.WriteLine(r.Machine.FrameworkPrecompiled
            ? "generator: framework code precompiled (ReadyToRun); DOTNET_ReadyToRun=0, as `dotnet run` sets it, takes about a fifth less CPU (bench/README.md)"
            : "generator: framework code compiled for this machine at first call (DOTNET_ReadyToRun=0)");
        if (r.Probe is { } probe)
        {
            o.WriteLine($"speed probe: sorting 1,000,000 seeded ints took {Ms(probe.MedianMs)} ms (median of {SpeedProbe.Rounds}, {Ms(probe.MinMs)}-{Ms(probe.MaxMs)}), before connecting");
        }

        if (r.SetupFailure is not null)
        {
            o.WriteLine($"connected {r.Connected}/{c.Clients} in {F(r.ConnectSeconds, 1)} s");
            PrintErrors(r, o);
            o.WriteLine(r.Verdict);
            return;
        }

        o.WriteLine($"connected {r.Connected}/{c.Clients} in {F(r.ConnectSeconds, 1)} s; connections closed during the run: {r.ConnectionsClosed}");
        o.WriteLine();
        o.WriteLine($"{"",-26}{"warm-up",12}{"measured",12}{"total",12}");
        Row(o, "signals sent", r.Warmup.Sent, r.Measured.Sent, r.Total.Sent);
        Row(o, "accepted (acked)", r.Warmup.Accepted, r.Measured.Accepted, r.Total.Accepted);
        Row(o, "duplicates", r.Warmup.Duplicates, r.Measured.Duplicates, r.Total.Duplicates);
        Row(o, "rejected", r.Warmup.Rejected, r.Measured.Rejected, r.Total.Rejected);
        Row(o, "refused busy (503)", r.Warmup.Busy, r.Measured.Busy, r.Total.Busy);
        Row(o, "errors", r.Warmup.Failed, r.Measured.Failed, r.Total.Failed);
        Row(o, "unacknowledged", r.Warmup.Unacknowledged, r.Measured.Unacknowledged, r.Total.Unacknowledged);
        Row(o, "LOST", r.Warmup.Lost, r.Measured.Lost, r.Total.Lost);
        o.WriteLine();
        o.WriteLine($"sending: measured part {F(r.MeasuredSeconds, 2)} s at {F(r.AchievedRate, 1)} signals/s; scheduler max lag {Ms(r.MaxSchedulerLagMs)} ms; load generator CPU {F(r.ClientCpuCores, 2)} cores");
        o.WriteLine($"pushes: LooksUpdated {N(r.LooksPushes)} (measured part {N(r.LooksPushesMeasured)}, {F(r.LooksPushesPerSecond, 1)}/s), TasteUpdated {N(r.TastePushes)}, AdsUpdated {N(r.AdsPushes)}");
        o.WriteLine($"grace used: {F(r.GraceUsedSeconds, 2)} s of {c.Grace} s{(r.HardStopHit ? "  (HARD STOP HIT)" : "")}");
        if (r.Server is { } server)
        {
            o.WriteLine($"server (pid {server.Pid}): idle {F(server.IdleCores, 3)} cores; measured part to end of grace {F(server.CpuMs, 0)} ms CPU in {F(server.WallSeconds, 2)} s = {F(server.Cores, 3)} cores; {N(server.Signals)} accepted signals: {F(server.CpuMsPerSignal, 3)} ms CPU per signal ({F(server.CpuMsPerSignalNetOfIdle, 3)} net of idle)");
        }
        if (r.StolenCores is { } stolen)
        {
            o.WriteLine($"stolen by the hypervisor, measured part to end of grace: {F(stolen, 3)} cores (/proc/stat steal)");
        }

        o.WriteLine();
        o.WriteLine($"{"latency, ms (measured)",-34}{"count",9}{"p50",9}{"p95",9}{"p99",9}{"max",9}{"mean",9}");
        LatencyRow(o, "signal -> reflecting LooksUpdated", r.PushLatencyMs);
        LatencyRow(o, "signal -> SendSignal ack", r.AckLatencyMs);
        o.WriteLine();
        var from = r.MeasuredStartedAt is { } at ? $", which started {at.UtcDateTime:HH:mm:ss.fff} UTC" : "";
        o.WriteLine($"push latency by slice of the measured part{from} (s: p50 / p99 / max ms):");
        o.WriteLine("  " + string.Join("  ", r.Windows.Select(w => $"{w.FromSeconds:0.#}-{w.ToSeconds:0.#}: {Ms(w.P50)}/{Ms(w.P99)}/{Ms(w.Max)}")));
        if (r.Ads is { } ads)
        {
            PrintAds(ads, o);
        }

        PrintErrors(r, o);
        foreach (var lost in r.SampleLost)
        {
            o.WriteLine("  lost: " + lost);
        }

        o.WriteLine();
        o.WriteLine(r.Verdict);
    }

    public static async Task WriteJsonAsync(Result r, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var stream = File.Create(full);
        await JsonSerializer.SerializeAsync(stream, r, Json);
    }

    /// <summary>The ads table: one row per campaign, the totals, whether the clients and the ledgers agree, and "overspent: ...".</summary>
    public static void PrintAds(AdsOutcome ads, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine($"ads: {ads.Rows.Count} campaigns (run {ads.RunId}); reports settled {F(ads.SettleSeconds, 2)} s after the grace; deleted {ads.Deleted} of {ads.Rows.Count}");
        o.WriteLine($"{"campaign",-28}{"budget",10}{"impressions",13}{"observed",10}{"pending",9}{"remaining",11}  pacing");
        foreach (var row in ads.Rows)
        {
            o.WriteLine($"{row.CampaignId,-28}{N(row.Budget),10}{Maybe(row.Impressions),13}{N(row.Observed),10}{Maybe(row.Pending),9}{Maybe(row.Remaining),11}  {row.Pacing ?? "(no report)"}");
        }

        o.WriteLine($"{"total",-28}{N(ads.Budget),10}{N(ads.Impressions),13}{N(ads.Observed),10}{N(ads.Pending),9}{N(ads.Remaining),11}  {ads.RanOut} of {ads.Rows.Count} budget-spent");
        o.WriteLine(ads.Mismatched.Count == 0
            ? "clients saw exactly the confirmed impressions of every campaign, nothing pending"
            : "clients and ledgers differ: " + string.Join(", ", ads.Mismatched));
        o.WriteLine(ads.Verdict);
    }

    private static string Maybe(long? n) => n is { } x ? N(x) : "?";

    private static void PrintErrors(Result r, TextWriter o)
    {
        foreach (var error in r.SampleErrors)
        {
            o.WriteLine("  error: " + error);
        }
    }

    private static void Row(TextWriter o, string name, long warmup, long measured, long total) =>
        o.WriteLine($"{name,-26}{N(warmup),12}{N(measured),12}{N(total),12}");

    private static void LatencyRow(TextWriter o, string name, Percentiles p) =>
        o.WriteLine($"{name,-34}{N(p.Count),9}{Ms(p.P50),9}{Ms(p.P95),9}{Ms(p.P99),9}{Ms(p.Max),9}{Ms(p.Mean),9}");
}
