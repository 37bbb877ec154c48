using System.Globalization;

namespace OtMz.LoadGenerator;

/// <summary>
/// The ad campaigns of one ads run (<c>--campaigns N</c>), decided before anything is sent: campaign i (1 .. N) is
/// <c>load-ad-{i:D2}-{run}</c>, where the run id makes every run's ids new (a deleted campaign's id is never reused);
/// its target leans on style (i - 1) mod 23 over a floor of 0.2 on every style, so every taste scores every campaign
/// above zero but users with different tastes rank them differently; its total budget is
/// <c>max(1, round(scale × clients × i / N))</c> impressions, a spread from small to large. A user's slate holds
/// five ads, so the clients ask for about five impressions each at connect and more whenever their slate changes
/// (their taste moved, or a campaign ran out and the next one took its place): at the default scale of 0.5 the
/// budgets add up to about N / 4 impressions per client, so the small ones run out at once, the middle ones while the
/// signals move the tastes, and the largest may outlast the run. The duration does not enter: what spends a budget is
/// slate changes, not time. The bid, 100, puts these campaigns above the platform's seed campaigns (bids 1 and 1.5)
/// for any taste that fits them at all, so the run spends its own budgets; the daily cap, 1,000 (the most allowed),
/// never binds; no daily budget and no end leaves them unpaced, so nothing but the budget stops them.
/// <see cref="CampaignAdmin"/> creates them, reads their reports and deletes them.
/// </summary>
public sealed record CampaignPlan(string RunId, IReadOnlyList<PlannedCampaign> Campaigns)
{
    public const int MaxCampaigns = 100;

    public const int Styles = 23;

    public const double Bid = 100;

    public const int DailyCap = 1_000;

    public const float Floor = 0.2f;

    public static CampaignPlan Of(int count, int clients, double scale, string runId) =>
        new(runId, [.. Enumerable.Range(1, count).Select(i => new PlannedCampaign(
            $"load-ad-{i.ToString("D2", CultureInfo.InvariantCulture)}-{runId}",
            i,
            (i - 1) % Styles,
            Budget(i, count, clients, scale)))]);

    /// <summary>Campaign <paramref name="i"/> of <paramref name="count"/>: its share of the clients times the scale, at least 1.</summary>
    public static long Budget(int i, int count, int clients, double scale) =>
        Math.Max(1, (long)Math.Round(scale * clients * i / count, MidpointRounding.AwayFromZero));

    /// <summary>The floor on every style and 1 on the campaign's own.</summary>
    public static float[] Target(int style)
    {
        var target = new float[Styles];
        Array.Fill(target, Floor);
        target[style] = 1f;
        return target;
    }

    public long TotalBudget => Campaigns.Sum(c => c.Budget);
}

/// <summary>One campaign of the plan: its id, its number (1 .. N), the style its target leans on, and its total budget.</summary>
public sealed record PlannedCampaign(string Id, int Number, int Style, long Budget)
{
    /// <summary>The body of POST /api/v1/ads/campaigns (docs/api.md, "Ads").</summary>
    public CampaignCreateMessage ToMessage(string runId) => new(
        Id,
        $"Load test ad {Number:D2} ({runId})",
        $"https://example.com/load-test/{Id}",
        CampaignPlan.Target(Style),
        Budget,
        CampaignPlan.DailyCap,
        CampaignPlan.Bid);
}
