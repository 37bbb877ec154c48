namespace OtMz.Grains.Users;

/// <summary>
/// The weather an outfit list is composed for. Today with an observation of the user's region, that observation;
/// any other day (the platform keeps no forecasts) or a region without one, the typical temperature of the day's
/// month, and no rain. The typical temperatures are Seoul's monthly means, rounded (docs/outfits.md): the service's
/// users are in Korea, and a known climate beats a guess from nothing.
/// </summary>
public static class OutfitDay
{
    public const string Observed = "observed";
    public const string Typical = "typical";

    private static readonly float[] TypicalC = [-2f, 1f, 6f, 13f, 18f, 22f, 25f, 26f, 22f, 15f, 7f, 0f];

    /// <summary>The day in UTC: outfits are for the calendar day of the platform's clock.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static OutfitWeather WeatherOf(DateOnly day, DateOnly today, Weather? observed) =>
        day == today && observed is not null
            ? new OutfitWeather(observed.TemperatureC, observed.PrecipitationMm, Observed)
            : new OutfitWeather(TypicalC[day.Month - 1], 0f, Typical);
}
