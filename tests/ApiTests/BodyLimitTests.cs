using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OtMz.ApiTests;

/// <summary>
/// Every route has a body limit, 64 KB unless it sets its own. Each case runs twice: with the length declared
/// (refused before anything is read) and chunked with no length (cut off as it is read).
/// </summary>
public class BodyLimitTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int OneMegabyte = 1024 * 1024;

    /// <summary>Valid JSON padded with whitespace to <paramref name="size"/> bytes: only its size is wrong.</summary>
    private static string Padded(string json, int size) => json[..^1] + new string(' ', Math.Max(0, size - json.Length)) + "}";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AOneMegabyteJsonBodyToAnAnonymousRouteIs413(bool declaresItsLength)
    {
        var response = await factory.CreateClient().PostAsync("/api/v1/auth/dev-token", JsonBody.Of(Padded("{\"userId\":\"bob\"}", OneMegabyte), declaresItsLength));

        var problem = await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.DoesNotContain("accessToken", problem.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AOneMegabyteJsonBodyToAnAuthenticatedRouteIs413AndChangesNothing(bool declaresItsLength)
    {
        var client = await factory.NewUserClient();

        var response = await client.PutAsync("/api/v1/users/me/profile", JsonBody.Of(Padded("{\"region\":\"seoul\"}", OneMegabyte), declaresItsLength));

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal(JsonValueKind.Null, me.GetProperty("profile").GetProperty("region").ValueKind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyJustUnderTheDefaultLimitIsRead(bool declaresItsLength)
    {
        var client = await factory.NewUserClient();

        var response = await client.PutAsync("/api/v1/users/me/profile", JsonBody.Of(Padded("{\"region\":\"busan\"}", 64 * 1024), declaresItsLength));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("busan", (await response.Body()).GetProperty("profile").GetProperty("region").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheSignalsRouteKeepsItsLargerLimitAndRefusesPastIt(bool declaresItsLength)
    {
        var client = await factory.NewUserClient();

        // 200 KB: over the default, under the signal route's 256 KB.
        var accepted = await client.PostAsync("/api/v1/users/me/signals",
            JsonBody.Of(Padded("{\"id\":\"big\",\"type\":\"colour\",\"colour\":\"red\"}", 200 * 1024), declaresItsLength));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var refused = await client.PostAsync("/api/v1/users/me/signals",
            JsonBody.Of(Padded("{\"id\":\"bigger\",\"type\":\"colour\",\"colour\":\"red\"}", 300 * 1024), declaresItsLength));
        await refused.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me")).GetProperty("signalsApplied").GetInt64());
    }
}

/// <summary>The same limits on real Kestrel sockets, where the server itself also stops reading at the limit.</summary>
public class KestrelBodyLimitTests(ManagementPortApiFactory factory) : IClassFixture<ManagementPortApiFactory>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AOneMegabyteJsonBodyToAnAnonymousRouteIs413OnKestrel(bool declaresItsLength)
    {
        var json = "{\"userId\":\"bob\"" + new string(' ', 1024 * 1024) + "}";

        var response = await ManagementPortApiFactory.Http(factory.Api).PostAsync("/api/v1/auth/dev-token", JsonBody.Of(json, declaresItsLength));

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ASmallJsonBodyStillGoesThroughOnKestrel()
    {
        var response = await ManagementPortApiFactory.Http(factory.Api).PostAsync("/api/v1/auth/dev-token", JsonBody.Of("{\"userId\":\"bob\"}", declaresItsLength: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
