using System.Globalization;

namespace OtMz.LoadGenerator;

/// <summary>
/// The ads scenario's figures: the deliveries the clients saw, each campaign's report beside its budget, and the
/// verdict. A delivery a client saw is an ad entering its slate: every ad of the first slate it was given (the
/// snapshot read at connect), then each ad of a later slate that the slate before it lacked. The platform counts an
/// impression exactly there (the user grain reserves only the campaigns new to the slate), so with every push
/// received the clients' count equals the campaign's confirmed impressions. A client's slates are read in version
/// order, one per version, whatever order they arrived in; a new local day, which starts a new slate with the same
/// campaigns and new impressions, is not seen from the client. Like <see cref="RunAnalysis"/>, it reads only what
/// it is given.
/// </summary>
public static class AdsAnalysis
{
    /// <summary>Per campaign of <paramref name="campaigns"/>, how many times it entered a client's slate.</summary>
    public static Dictionary<string, long> Observed(IEnumerable<SlateSeen[]> users, IReadOnlyCollection<string> campaigns)
    {
        var counts = campaigns.ToDictionary(c => c, _ => 0L, StringComparer.Ordinal);
        foreach (var slates in users)
        {
            var previous = new HashSet<string>(StringComparer.Ordinal);
            long? lastVersion = null;
            foreach (var slate in slates.OrderBy(s => s.Version))
            {
                if (slate.Version == lastVersion)
                {
                    continue;
                }

                lastVersion = slate.Version;
                foreach (var id in slate.CampaignIds)
                {
                    if (!previous.Contains(id) && counts.TryGetValue(id, out var n))
                    {
                        counts[id] = n + 1;
                    }
                }

                previous = new HashSet<string>(slate.CampaignIds, StringComparer.Ordinal);
            }
        }

        return counts;
    }

    /// <summary>Every campaign's report is in, nothing is pending, and the clients saw exactly the confirmed impressions.</summary>
    public static bool Settled(CampaignPlan plan, IReadOnlyDictionary<string, CampaignReportMessage> reports, IReadOnlyDictionary<string, long> observed) =>
        plan.Campaigns.All(c => reports.TryGetValue(c.Id, out var r) && r.Pending == 0 && observed.GetValueOrDefault(c.Id) == r.Impressions);

    /// <summary>The table, its totals, what was overspent, where the clients and the server disagree, and the exit code.</summary>
    public static AdsOutcome Table(CampaignPlan plan, IReadOnlyDictionary<string, CampaignReportMessage> reports, IReadOnlyDictionary<string, long> observed, double settleSeconds)
    {
        var rows = plan.Campaigns.Select(c =>
        {
            var report = reports.GetValueOrDefault(c.Id);
            return new AdsRow(c.Id, c.Budget, report?.Impressions, observed.GetValueOrDefault(c.Id), report?.Pending, report?.RemainingBudget, report?.Pacing);
        }).ToList();

        var overspent = rows
            .Where(r => r.Impressions > r.Budget || r.Observed > r.Budget)
            .Select(r => $"{r.CampaignId} (budget {r.Budget}, impressions {Text(r.Impressions)}, observed {r.Observed})")
            .ToList();
        var mismatched = rows
            .Where(r => r.Impressions is { } impressions && (r.Observed != impressions || r.Pending != 0))
            .Select(r => $"{r.CampaignId} (impressions {r.Impressions}, pending {r.Pending}, observed {r.Observed})")
            .ToList();
        var missing = rows.Where(r => r.Impressions is null).Select(r => r.CampaignId).ToList();
        var exitCode = overspent.Count > 0 ? 5 : missing.Count > 0 ? 6 : 0;
        var verdict = overspent.Count > 0 ? "overspent: " + string.Join(", ", overspent) : "overspent: none";
        if (missing.Count > 0)
        {
            verdict += "; reports unavailable: " + string.Join(", ", missing);
        }

        return new AdsOutcome
        {
            RunId = plan.RunId,
            Rows = rows,
            Budget = rows.Sum(r => r.Budget),
            Impressions = rows.Sum(r => r.Impressions ?? 0),
            Observed = rows.Sum(r => r.Observed),
            Pending = rows.Sum(r => r.Pending ?? 0),
            Remaining = rows.Sum(r => r.Remaining ?? 0),
            RanOut = rows.Count(r => r.Pacing == "budget-spent"),
            Overspent = overspent,
            Mismatched = mismatched,
            MissingReports = missing,
            SettleSeconds = settleSeconds,
            ExitCode = exitCode,
            Verdict = verdict,
        };
    }

    /// <summary>
    /// The run's exit code and verdict with the ads outcome: a campaign over budget (5) outranks every other
    /// failure; an unreadable report (6) only turns a run that was otherwise ok into a failure.
    /// </summary>
    public static (int ExitCode, string Verdict) Combine(int exitCode, string verdict, AdsOutcome ads) => ads.ExitCode switch
    {
        5 => (5, "FAILED: campaigns over budget: " + string.Join(", ", ads.Overspent)),
        6 when exitCode == 0 => (6, "FAILED: campaign reports unavailable: " + string.Join(", ", ads.MissingReports)),
        _ => (exitCode, verdict),
    };

    private static string Text(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "?";
}

/// <summary>One ad slate as a client was given it: its version and its campaigns' ids in slate order.</summary>
public sealed record SlateSeen(long Version, string[] CampaignIds);

/// <summary>The ads scenario's result: one row per campaign, the totals, and the verdict line.</summary>
public sealed record AdsOutcome
{
    /// <summary>The suffix of this run's campaign ids.</summary>
    public string RunId { get; init; } = "";

    public IReadOnlyList<AdsRow> Rows { get; init; } = [];

    public long Budget { get; init; }

    public long Impressions { get; init; }

    public long Observed { get; init; }

    public long Pending { get; init; }

    public long Remaining { get; init; }

    /// <summary>Campaigns whose report says "budget-spent".</summary>
    public int RanOut { get; init; }

    /// <summary>Campaigns whose impressions or observed deliveries exceed the budget, described.</summary>
    public IReadOnlyList<string> Overspent { get; init; } = [];

    /// <summary>Campaigns where the clients saw other than the confirmed impressions, or something is still pending.</summary>
    public IReadOnlyList<string> Mismatched { get; init; } = [];

    public IReadOnlyList<string> MissingReports { get; init; } = [];

    /// <summary>Seconds waited after the grace for the ledgers and the clients to agree (at most <see cref="Options.AdsSettleSeconds"/>).</summary>
    public double SettleSeconds { get; init; }

    /// <summary>How many of the run's campaigns were deleted at the end.</summary>
    public int Deleted { get; init; }

    public int ExitCode { get; init; }

    /// <summary>"overspent: none", or the campaigns over budget.</summary>
    public string Verdict { get; init; } = "";
}

/// <summary>
/// One campaign: its budget; from its report, the confirmed impressions, the pending reservations, the budget left
/// and the pacing status (null when the report could not be read); and the deliveries the clients saw.
/// </summary>
public sealed record AdsRow(string CampaignId, long Budget, long? Impressions, long Observed, long? Pending, long? Remaining, string? Pacing);
