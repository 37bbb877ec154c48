using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace OtMz.Grains.Regions;

/// <summary>
/// A region's weather, keyed by the region name users put in their profile. User grains read it as ranking
/// context and compare its version to know when the weather changed; each change is also published on the
/// region's stream, so that Api nodes re-rank the users of the region who are connected to them.
/// </summary>
public sealed class RegionGrain(
    [PersistentState("region", "regions")] IPersistentState<RegionState> state,
    ILogger<RegionGrain> logger) : Grain, IRegionGrain
{
    public Task<RegionWeather> GetWeather() =>
        Task.FromResult(new RegionWeather(this.GetPrimaryKeyString(), state.State.Weather, state.State.Version));

    public async Task<RegionWeather> SetWeather(Weather weather)
    {
        state.State.Weather = weather;
        state.State.Version++;
        await state.WriteStateAsync();
        logger.LogInformation("{Region} weather set to {TemperatureC} °C, {Condition}", this.GetPrimaryKeyString(), weather.TemperatureC, weather.Condition);
        var current = await GetWeather();
        await this.GetStreamProvider(PushStreams.Provider)
            .GetStream<RegionWeather>(StreamId.Create(PushStreams.Regions, this.GetPrimaryKeyString()))
            .OnNextAsync(current);
        return current;
    }
}
