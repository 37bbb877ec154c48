namespace OtMz.Pacing;

/// <summary>One simulated day: the traffic, the budget as a share of the day's expected requests, and where and when.</summary>
public sealed record PacingScenario(
    TrafficCurve Curve,
    double BudgetShare,
    double MeanRate = 2,
    string TimeZone = AdCampaign.DefaultTimeZone,
    DateOnly Day = default,
    TimeSpan Step = default,
    int Seed = 42,
    double LostShare = 0)
{
    /// <summary>The local day simulated; by default a December Monday, with no daylight-saving change anywhere near it.</summary>
    public DateOnly Day { get; init; } = Day == default ? new DateOnly(2026, 12, 7) : Day;

    /// <summary>How far the clock moves between draws of requests; one second by default.</summary>
    public TimeSpan Step { get; init; } = Step == default ? TimeSpan.FromSeconds(1) : Step;

    public string Name => $"{Curve.Name}@{BudgetShare:0.##}";
}

/// <summary>Cumulative delivery at the end of the day's <see cref="Hour"/>-th hour (1-based, elapsed), against the even-spend line.</summary>
public sealed record HourPoint(int Hour, DateTimeOffset At, long Requests, long Delivered, double Line)
{
    /// <summary>(delivered − line) / line: the signed distance from the line, as a share of it.</summary>
    public double Deviation => Line > 0 ? (Delivered - Line) / Line : 0;
}

public sealed record PacingResult(
    PacingScenario Scenario,
    long Budget,
    long Requests,
    long DeliveredAtNoon,
    IReadOnlyList<HourPoint> Hours,
    IReadOnlyDictionary<AdRefusal, long> Refusals,
    CampaignReport Report)
{
    public long Delivered => Hours[^1].Delivered;

    public double EndShare => (double)Delivered / Budget;

    /// <summary>The whole hour furthest from the line, as a share of the line there (the last hour included).</summary>
    public HourPoint Worst => Hours.MaxBy(h => Math.Abs(h.Deviation))!;

    public double MaxDeviation => Math.Abs(Worst.Deviation);

    public long Refused(AdRefusal reason) => Refusals.GetValueOrDefault(reason);
}
