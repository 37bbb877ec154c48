namespace OtMz.Grains.Ads;

/// <summary>
/// Even spreading with catch-up and a small lead: by any moment of a paced period, a campaign may have granted the
/// budget's share of the period elapsed so far (read <see cref="AdsOptions.PacingLookahead"/> ahead), plus
/// <see cref="AdsOptions.PacingLead"/> of the smaller of what the line has reached and what it still has to go; never
/// more. A quiet hour leaves allowance unused and the next busy hour may use it, so delivery follows the straight
/// line whenever traffic is above the line's rate and catches up when it is not. The lead is a bank: while traffic
/// is plentiful delivery runs a little ahead of the line, and a quiet spell (the night) first spends that bank
/// before it falls behind. It tapers to nothing at the period's end, so the budget is spread to the end rather
/// than finished early. The period is today (in the campaign's time zone, inside its window) for a daily budget,
/// else the whole window when it has an end; a campaign with neither is not paced. docs/design.md, "Ad pacing",
/// says what traffic this needs to stay within 10 % of the line.
/// </summary>
public static class AdPacing
{
    /// <summary>The period and budget <paramref name="campaign"/> is paced over at <paramref name="now"/>, or null when unpaced.</summary>
    public static PacedPeriod? PeriodOf(AdCampaign campaign, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (campaign.DailyBudget is { } daily)
        {
            var (dayStart, dayEnd) = LocalDay.Bounds(now, zone);
            var start = Max(dayStart, campaign.StartsAt);
            var end = campaign.EndsAt is { } windowEnd && windowEnd < dayEnd ? windowEnd : dayEnd;
            return end > start ? new PacedPeriod(start, end, daily, Daily: true) : null;
        }

        return campaign.EndsAt is { } last && last > campaign.StartsAt
            ? new PacedPeriod(campaign.StartsAt, last, campaign.TotalBudget, Daily: false)
            : null;
    }

    /// <summary>
    /// How many impressions the period may have granted by <paramref name="now"/>: the line read
    /// <paramref name="lookahead"/> ahead, plus <paramref name="lead"/> of the smaller of its distance from either
    /// end, rounded up; at least one once the period has begun, and never more than the budget.
    /// </summary>
    public static long Allowance(PacedPeriod period, DateTimeOffset now, TimeSpan lookahead, double lead)
    {
        if (now < period.Start)
        {
            return 0;
        }

        var line = Line(period, now + lookahead);
        var ahead = lead * Math.Min(line, period.Budget - line);
        return Math.Max(1, Math.Min(period.Budget, (long)Math.Ceiling(line + ahead)));
    }

    /// <summary>Where the straight line stands at <paramref name="now"/>, with no lookahead: what the report compares delivery with.</summary>
    public static double Line(PacedPeriod period, DateTimeOffset now) =>
        period.Budget * Math.Clamp((now - period.Start) / (period.End - period.Start), 0.0, 1.0);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A budget spread over [<see cref="Start"/>, <see cref="End"/>); <see cref="Daily"/> when it is today's budget.</summary>
public readonly record struct PacedPeriod(DateTimeOffset Start, DateTimeOffset End, long Budget, bool Daily);

/// <summary>Calendar days in a time zone, for daily budgets and frequency caps.</summary>
public static class LocalDay
{
    public static DateOnly Of(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>The start and end of <paramref name="now"/>'s local day, as instants (a day may be 23 or 25 hours long).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateTimeOffset now, TimeZoneInfo zone)
    {
        var day = Of(now, zone);
        return (StartOf(day, zone), StartOf(day.AddDays(1), zone));
    }

    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving jump starts the day at the first valid instant after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The zone by IANA id, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
