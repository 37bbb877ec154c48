namespace OtMz.Grains;

/// <summary>The season of a date on the Korean (northern-hemisphere) calendar the service launched with.</summary>
public static class SeasonCalendar
{
    public static Season Of(DateTimeOffset when) => when.Month switch
    {
        3 or 4 or 5 => Season.Spring,
        6 or 7 or 8 => Season.Summer,
        9 or 10 or 11 => Season.Autumn,
        _ => Season.Winter,
    };
}
