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

    /// <summary>An observation older than the stored one is ignored: the current weather is returned unchanged.</summary>
    public async Task<RegionWeather> SetWeather(Weather weather)
    {
        if (state.State.Weather is { } stored && weather.ObservedAt < stored.ObservedAt)
        {
            logger.LogInformation("{Region} weather from {ObservedAt:O} ignored: older than the stored {StoredAt:O}", this.GetPrimaryKeyString(), weather.ObservedAt, stored.ObservedAt);
            return await GetWeather();
        }

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
