using System.Net;

namespace OtMz.ApiTests.Contract;

/// <summary>
/// The document types every number as a plain JSON number, and the Api reads them that way: a number sent as a
/// string, or as "NaN" or "Infinity", is refused with 400 naming the field, and nothing changes.
/// </summary>
public class NumbersOnTheWireTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("{\"temperatureC\":\"NaN\"}", "temperatureC")]
    [InlineData("{\"temperatureC\":\"-Infinity\"}", "temperatureC")]
    [InlineData("{\"temperatureC\":\"12\"}", "temperatureC")]
    [InlineData("{\"temperatureC\":12,\"precipitationMm\":\"Infinity\"}", "precipitationMm")]
    public async Task AWeatherNumberThatIsNotAJsonNumberIsRefusedAndTheWeatherStays(string json, string field)
    {
        var admin = await factory.AdminClient();
        var region = $"n{Guid.NewGuid():N}"[..12];
        (await admin.PutAsync($"/api/v1/regions/{region}/weather", Json.Raw("{\"temperatureC\":3}"))).EnsureSuccessStatusCode();

        await (await admin.PutAsync($"/api/v1/regions/{region}/weather", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);

        var weather = await (await factory.CreateClient().GetAsync($"/api/v1/regions/{region}/weather")).Body();
        Assert.Equal(1, weather.GetProperty("version").GetInt64());
        Assert.Equal(3, weather.GetProperty("weather").GetProperty("temperatureC").GetDouble());
    }

    [Theory]
    [InlineData("{\"id\":\"n-1\",\"type\":\"dwell\",\"lookId\":\"look-0000001\",\"dwellMs\":\"15000\"}", "dwellMs")]
    [InlineData("{\"signals\":[{\"id\":\"n-2\",\"type\":\"dwell\",\"lookId\":\"look-0000001\",\"dwellMs\":\"NaN\"}]}", "signals[0].dwellMs")]
    public async Task ASignalNumberThatIsNotAJsonNumberIsRefusedAndNothingIsApplied(string json, string field)
    {
        var user = await factory.NewUserClient();

        await (await user.PostAsync("/api/v1/users/me/signals", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);

        Assert.Equal(0, (await (await user.GetAsync("/api/v1/users/me")).Body()).GetProperty("signalsApplied").GetInt64());
    }
}
