namespace OtMz.Grains.Interfaces;

/// <summary>A region's weather, set by operators; it is context for every user whose profile names the region.</summary>
[Alias("otmz.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    [Alias("get"), ReadOnly]
    Task<RegionWeather> GetWeather();

    /// <summary>Stores <paramref name="weather"/> unless the stored observation is newer; returns what is stored either way.</summary>
    [Alias("set")]
    Task<RegionWeather> SetWeather(Weather weather);
}
