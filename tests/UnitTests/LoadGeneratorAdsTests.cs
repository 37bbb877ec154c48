using System.Text.Json;
using OtMz.LoadGenerator;

namespace OtMz.UnitTests;

/// <summary>
/// The load generator's ads scenario (bench/LoadGenerator) without a server: its options, the campaigns it plans,
/// how the deliveries the clients saw are counted from their slates, and the table's verdict and exit codes. The
/// run against the real server is in RealtimeTests.
/// </summary>
public class LoadGeneratorAdsTests
{
    [Fact]
    public void TheAdsScenarioIsOffByDefaultAndItsOptionsParse()
    {
        var defaults = Options.Parse([]);
        Assert.Equal(0, defaults.Campaigns);
        Assert.Equal(0, defaults.AdsSettleSeconds);
        Assert.Equal(TimeSpan.FromSeconds(120 + 5 + 30 + 10), defaults.HardLimit);

        var ads = Options.Parse(["--campaigns", "20", "--campaign-budget-scale=0.25"]);
        Assert.Equal(20, ads.Campaigns);
        Assert.Equal(0.25, ads.CampaignBudgetScale);
        Assert.Equal(defaults.HardLimit + TimeSpan.FromSeconds(ads.AdsSettleSeconds), ads.HardLimit);

        Assert.Throws<OptionsException>(() => Options.Parse(["--campaigns", "101"]));
        Assert.Throws<OptionsException>(() => Options.Parse(["--campaigns", "-1"]));
        Assert.Throws<OptionsException>(() => Options.Parse(["--campaign-budget-scale", "0"]));
        Assert.Throws<OptionsException>(() => Options.Parse(["--campaign-budget-scale", "NaN"]));
    }

    [Fact]
    public void ThePlanSpreadsBudgetsFromSmallToLargeAndLeansEachTargetOnOneStyle()
    {
        var plan = CampaignPlan.Of(count: 20, clients: 1000, scale: 0.5, runId: "18c0ffee");

        Assert.Equal(20, plan.Campaigns.Count);
        Assert.Equal("load-ad-01-18c0ffee", plan.Campaigns[0].Id);
        Assert.Equal("load-ad-20-18c0ffee", plan.Campaigns[^1].Id);
        Assert.Equal([25L, 50, 75], plan.Campaigns.Take(3).Select(c => c.Budget));
        Assert.Equal(500, plan.Campaigns[^1].Budget);
        Assert.Equal(25 * 210, plan.TotalBudget);

        // Never below one impression, however small the run.
        Assert.Equal([1L, 1, 2], CampaignPlan.Of(3, clients: 8, scale: 0.25, "r").Campaigns.Select(c => c.Budget));

        // Style i - 1, wrapping after the 23 styles, on a floor that keeps every cosine above zero.
        Assert.Equal(0, plan.Campaigns[0].Style);
        Assert.Equal(19, plan.Campaigns[^1].Style);
        Assert.Equal(0, CampaignPlan.Of(24, 10, 1, "r").Campaigns[23].Style);
        var target = CampaignPlan.Target(4);
        Assert.Equal(23, target.Length);
        Assert.Equal(1f, target[4]);
        Assert.All(target.Where((_, i) => i != 4), w => Assert.Equal(CampaignPlan.Floor, w));

        var message = plan.Campaigns[1].ToMessage(plan.RunId);
        Assert.Equal("load-ad-02-18c0ffee", message.Id);
        Assert.StartsWith("https://", message.Link);
        Assert.Equal(50, message.TotalBudget);
        Assert.Equal(CampaignPlan.DailyCap, message.DailyCap);
        Assert.Equal(CampaignPlan.Bid, message.Bid);
    }

    [Fact]
    public void AnAdCountsEachTimeItEntersAClientsSlateReadInVersionOrder()
    {
        string[] campaigns = ["a", "b", "c"];
        SlateSeen[] first =
        [
            new(3, ["a", "seed"]),            // the snapshot at connect: a counts, the seed campaign is not the run's
            new(5, ["a", "c"]),               // arrived before version 4
            new(4, ["b", "a"]),               // b enters
            new(5, ["a", "c"]),               // the same version again (a second copy) counts nothing
            new(6, ["c"]),
            new(7, ["c", "a"]),               // a enters again: a second impression
        ];
        SlateSeen[] second = [new(1, ["b"]), new(2, ["b", "c"])];
        SlateSeen[] third = [];

        var observed = AdsAnalysis.Observed([first, second, third], campaigns);

        Assert.Equal(2, observed["a"]);
        Assert.Equal(2, observed["b"]);
        Assert.Equal(2, observed["c"]);
        Assert.False(observed.ContainsKey("seed"));
    }

    [Fact]
    public void TheTableFlagsCampaignsOverBudgetByEitherCountAndExitsFive()
    {
        var plan = CampaignPlan.Of(3, clients: 10, scale: 1, "r");
        var (a, b, c) = (plan.Campaigns[0].Id, plan.Campaigns[1].Id, plan.Campaigns[2].Id);
        Dictionary<string, CampaignReportMessage> reports = new()
        {
            [a] = new(a, Impressions: 3, Pending: 0, RemainingBudget: 0, "budget-spent"),
            [b] = new(b, Impressions: 7, Pending: 0, RemainingBudget: 0, "budget-spent"),
            [c] = new(c, Impressions: 4, Pending: 1, RemainingBudget: 5, "on-pace"),
        };

        var ok = AdsAnalysis.Table(plan, reports, new Dictionary<string, long> { [a] = 3, [b] = 7, [c] = 5 }, 0.5);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("overspent: none", ok.Verdict);
        Assert.Equal((3 + 7 + 10, 14L, 15L, 1L, 5L, 2), (ok.Budget, ok.Impressions, ok.Observed, ok.Pending, ok.Remaining, ok.RanOut));
        Assert.Equal([$"{c} (impressions 4, pending 1, observed 5)"], ok.Mismatched);
        Assert.False(AdsAnalysis.Settled(plan, reports, new Dictionary<string, long> { [a] = 3, [b] = 7, [c] = 5 }));
        Assert.Equal((0, "OK"), AdsAnalysis.Combine(0, "OK", ok));

        // The server over budget, or the clients seeing more than the budget, whatever the ledger says.
        reports[a] = reports[a] with { Impressions = 4 };
        var over = AdsAnalysis.Table(plan, reports, new Dictionary<string, long> { [a] = 4, [b] = 8, [c] = 5 }, 5);
        Assert.Equal(5, over.ExitCode);
        Assert.Equal($"overspent: {a} (budget 3, impressions 4, observed 4), {b} (budget 7, impressions 7, observed 8)", over.Verdict);
        var (exitCode, verdict) = AdsAnalysis.Combine(1, "FAILED: 2 accepted signals were never reflected", over);
        Assert.Equal(5, exitCode);
        Assert.StartsWith("FAILED: campaigns over budget: " + a, verdict);
    }

    [Fact]
    public void AMissingReportExitsSixOnlyWhenNothingElseFailed()
    {
        var plan = CampaignPlan.Of(2, clients: 10, scale: 1, "r");
        var (a, b) = (plan.Campaigns[0].Id, plan.Campaigns[1].Id);
        Dictionary<string, CampaignReportMessage> reports = new() { [a] = new(a, 5, 0, 0, "budget-spent") };
        Dictionary<string, long> observed = new() { [a] = 5, [b] = 2 };

        var outcome = AdsAnalysis.Table(plan, reports, observed, 5);

        Assert.Equal(6, outcome.ExitCode);
        Assert.Equal([b], outcome.MissingReports);
        Assert.Equal($"overspent: none; reports unavailable: {b}", outcome.Verdict);
        Assert.Null(outcome.Rows[1].Impressions);
        Assert.False(AdsAnalysis.Settled(plan, reports, observed));
        Assert.Equal((6, $"FAILED: campaign reports unavailable: {b}"), AdsAnalysis.Combine(0, "OK", outcome));
        Assert.Equal((3, "FAILED: 1 rejected"), AdsAnalysis.Combine(3, "FAILED: 1 rejected", outcome));

        reports[b] = new(b, 2, 0, 8, "on-pace");
        Assert.True(AdsAnalysis.Settled(plan, reports, observed));
    }

    [Fact]
    public async Task TheJsonResultCarriesTheAdsTable()
    {
        var plan = CampaignPlan.Of(1, clients: 10, scale: 1, "r");
        var a = plan.Campaigns[0].Id;
        var outcome = AdsAnalysis.Table(plan, new Dictionary<string, CampaignReportMessage> { [a] = new(a, 10, 0, 0, "budget-spent") },
            new Dictionary<string, long> { [a] = 10 }, 0.1);
        var result = new Result
        {
            Config = new RunConfig("http://127.0.0.1:5080/", 10, 10, 2, 0.5, 1, "websockets", 50, 120, 2, "roundrobin", 42, 1, 1),
            Machine = MachineInfo.OfThisProcess(),
            StartedAt = DateTimeOffset.UnixEpoch,
            Ads = outcome,
        };
        var path = Path.Combine(Path.GetTempPath(), $"otmz-load-ads-{Guid.NewGuid():N}.json");
        try
        {
            await Report.WriteJsonAsync(result, path);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));

            var ads = json.RootElement.GetProperty("ads");
            Assert.Equal("overspent: none", ads.GetProperty("verdict").GetString());
            var row = Assert.Single(ads.GetProperty("rows").EnumerateArray());
            Assert.Equal(a, row.GetProperty("campaignId").GetString());
            Assert.Equal((10, 10, 10), (row.GetProperty("budget").GetInt64(), row.GetProperty("impressions").GetInt64(), row.GetProperty("observed").GetInt64()));
            Assert.Equal("budget-spent", row.GetProperty("pacing").GetString());
            Assert.Equal(1, json.RootElement.GetProperty("config").GetProperty("campaigns").GetInt32());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheAdsTablePrintsEveryCampaignTheTotalsAndTheVerdict()
    {
        var plan = CampaignPlan.Of(2, clients: 10, scale: 1, "r");
        var (a, b) = (plan.Campaigns[0].Id, plan.Campaigns[1].Id);
        var outcome = AdsAnalysis.Table(plan,
            new Dictionary<string, CampaignReportMessage> { [a] = new(a, 5, 0, 0, "budget-spent"), [b] = new(b, 6, 0, 4, "on-pace") },
            new Dictionary<string, long> { [a] = 5, [b] = 6 }, 0.25) with { Deleted = 2 };
        var text = new StringWriter();

        Report.PrintAds(outcome, text);

        var lines = text.ToString().Split(Environment.NewLine);
        Assert.Contains(lines, l => l.StartsWith(a) && l.EndsWith("budget-spent") && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..6].SequenceEqual(["5", "5", "5", "0", "0"]));
        Assert.Contains(lines, l => l.StartsWith("total") && l.Contains("1 of 2 budget-spent"));
        Assert.Contains("deleted 2 of 2", text.ToString());
        Assert.Contains("clients saw exactly the confirmed impressions of every campaign, nothing pending", lines);
        Assert.Contains("overspent: none", lines);
    }
}
