namespace OtMz.Pacing;

/// <summary>
/// How many ad requests arrive over a local day, relative to the day's mean (the mean over a 24-hour day is 1): a
/// shape by local clock time, normalised once. <see cref="PacingDay"/> draws requests from it; the named curves are
/// the ones docs/performance.md, "Ad pacing", reports on.
/// </summary>
public sealed class TrafficCurve
{
    private readonly Func<double, double> _shape;
    private readonly double _scale;

    private TrafficCurve(string name, string description, Func<double, double> shape)
    {
        Name = name;
        Description = description;
        _shape = shape;
        const int Steps = 24 * 60;
        var sum = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            sum += shape((i + 0.5) * 24.0 / Steps);
        }

        _scale = Steps / sum;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>Every request arrives at the same rate all day.</summary>
    public static TrafficCurve Steady { get; } = new("steady", "the same rate all day", _ => 1);

    /// <summary>A morning and a stronger evening peak over a night that stays at half the mean or more.</summary>
    public static TrafficCurve TwoPeaks { get; } = Hourly(
        "two-peaks",
        "morning peak 08:00 (1.6), evening peak 21:00 (1.7), night no lower than 0.5 of the mean",
        [0.90, 0.75, 0.60, 0.50, 0.50, 0.55, 0.70, 1.10, 1.60, 1.40, 1.00, 0.95, 1.00, 0.95, 0.90, 0.90, 0.95, 1.05, 1.20, 1.40, 1.60, 1.70, 1.40, 1.10]);

    /// <summary>
    /// A mobile app's day: busy past midnight, a trough before dawn at about a fifth of the mean, a commute peak, a
    /// lunch bump and the day's peak in the late evening.
    /// </summary>
    public static TrafficCurve NightTrough { get; } = Hourly(
        "night-trough",
        "two peaks (08:00 1.3, 21:00 1.8) and a night trough down to 0.22 of the mean at 04:00",
        [1.00, 0.70, 0.45, 0.30, 0.22, 0.25, 0.40, 0.80, 1.30, 1.25, 1.00, 1.00, 1.20, 1.10, 1.00, 1.00, 1.00, 1.10, 1.20, 1.30, 1.50, 1.80, 1.70, 1.40]);

    /// <summary>A steady day with twenty minutes at ten times the rate (a mention on television, a push).</summary>
    public static TrafficCurve Spike { get; } = new(
        "spike",
        "steady, and ten times the rate from 13:00 to 13:20",
        h => h is >= 13 and < 13 + 1.0 / 3 ? 10 : 1);

    public static IReadOnlyList<TrafficCurve> All { get; } = [Steady, TwoPeaks, NightTrough, Spike];

    /// <summary>The rate at <paramref name="hourOfDay"/> (local clock, 0 to 24) relative to the day's mean.</summary>
    public double RateAt(double hourOfDay) => _scale * _shape(hourOfDay);

    /// <summary>A curve through the given rate at each whole hour, straight between them, wrapping from 23:00 to midnight.</summary>
    private static TrafficCurve Hourly(string name, string description, double[] atHour) =>
        new(name, description, h =>
        {
            var i = (int)Math.Floor(h) % 24;
            var f = h - Math.Floor(h);
            return atHour[i] + (atHour[(i + 1) % 24] - atHour[i]) * f;
        });
}
