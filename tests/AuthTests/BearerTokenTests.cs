using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OtMz.AuthTests;

public sealed class DevelopmentApi() : ApiHost("Development", new Dictionary<string, string?>
{
    ["Auth:DevTokens"] = "true",
    ["Auth:SigningKey"] = SigningKey,
});

/// <summary>
/// Tokens that carry the Api's own signature but a subject no route can use (issue 15: no "sub", or an empty one,
/// was a 500), minted here with the test signing key; and dev-token requests with nulls in their roles.
/// </summary>
public sealed class BearerTokenTests(DevelopmentApi api) : IClassFixture<DevelopmentApi>
{
    private const string HubNegotiate = "/hubs/style/negotiate?negotiateVersion=1";

    public static TheoryData<string?> UnusableSubjects => new() { null, "", "has space", "slash/ed", new string('a', 65) };

    [Theory]
    [MemberData(nameof(UnusableSubjects))]
    public async Task ASignedTokenWithoutAUsableSubjectIs401OnRestRoutes(string? subject)
    {
        using var client = api.ClientWith(Signed(subject));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/users/me/taste")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/users/me")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(UnusableSubjects))]
    public async Task ASignedTokenWithoutAUsableSubjectIs401AtTheHub(string? subject)
    {
        using var header = api.ClientWith(Signed(subject));
        Assert.Equal(HttpStatusCode.Unauthorized, (await header.PostAsync(HubNegotiate, null)).StatusCode);

        // Browsers pass the token in the query string instead.
        var query = await api.CreateClient().PostAsync($"{HubNegotiate}&access_token={Uri.EscapeDataString(Signed(subject))}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode);
    }

    [Fact]
    public async Task TheSameMintingWithAUserIdAsSubjectIsAccepted()
    {
        // The control for the two tests above: only the subject differs.
        using var client = api.ClientWith(Signed("mina"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me/taste")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(HubNegotiate, null)).StatusCode);
    }

    [Theory]
    [InlineData("{\"userId\":\"x\",\"roles\":[null]}", "roles[0]")]
    [InlineData("{\"userId\":\"x\",\"roles\":[\"admin\",null]}", "roles[1]")]
    public async Task ANullRoleInADevTokenRequestNamesTheElement(string json, string field) =>
        await (await api.CreateClient().PostAsync("/api/v1/auth/dev-token", Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task ADevTokenStillCarriesItsRoles()
    {
        using var admin = api.ClientWith(await api.DevTokenFor("ops", "admin"));
        using var user = api.ClientWith(await api.DevTokenFor("mina"));
        var weather = new { temperatureC = 3 };

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/regions/seoul/weather", weather)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PutAsJsonAsync("/api/v1/regions/seoul/weather", weather)).StatusCode);
    }

    /// <summary>A token exactly like the Api's own (issuer, audience, key, lifetime), with <paramref name="subject"/> as "sub" (none when null).</summary>
    private static string Signed(string? subject)
    {
        var claims = new Dictionary<string, object>();
        if (subject is not null)
        {
            claims[JwtRegisteredClaimNames.Sub] = subject;
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "otmz",
            Audience = "otmz-api",
            Claims = claims,
            Subject = new ClaimsIdentity(),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiHost.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
