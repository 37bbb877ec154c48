using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OtMz.Grains.Experiments;

namespace OtMz.ApiTests;

/// <summary>
/// The embedded Api for the experiment tests alone (a running experiment changes every user's options). The
/// silo's copy of the definitions is refreshed on every read so a test sees a start or a stop at once, and counts
/// are flushed by the tests, not by the timer.
/// </summary>
public sealed class ExperimentsApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Experiments:RefreshPeriod", "00:00:00");
        builder.UseSetting("Experiments:FlushPeriod", "01:00:00");
    }

    /// <summary>Sends the co-hosted silo's counts to the counter grains, so a report counts everything done so far.</summary>
    public Task FlushCountsAsync() => Services.GetRequiredService<ExperimentTally>().FlushAsync();
}

/// <summary>
/// The experiment routes through the real host: define, list, read, stop; a user's list names their variant; the
/// report counts exactly the signals the users sent; and each bad input is refused naming its field. Each test
/// stops the experiments it starts, so the next may override the same options.
/// </summary>
public class ExperimentApiTests(ExperimentsApiFactory factory) : IClassFixture<ExperimentsApiFactory>
{
    private const string Experiments = "/api/v1/experiments";
    private const string Looks = "/api/v1/users/me/recommendations/looks";

    private static string NewName(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 13)];

    private static object Variant(string name, double share, object? options = null) => new { name, share, options };

    private async Task<HttpClient> DefineAsync(string name, params object[] variants)
    {
        var admin = await factory.AdminClient();
        var response = await admin.PostAsJsonAsync(Experiments, new { name, variants });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return admin;
    }

    private async Task<HttpClient> SurveyedUser()
    {
        var user = await factory.NewUserClient();
        (await user.PostAsJsonAsync("/api/v1/users/me/survey", new { likedStyles = new[] { "classic", "modern" } })).EnsureSuccessStatusCode();
        return user;
    }

    private static IEnumerable<string> Ids(JsonElement looks) => looks.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("look").GetProperty("id").GetString()!);

    [Fact]
    public async Task AnExperimentIsDefinedListedReadAndStopped()
    {
        var name = NewName("round-trip");
        var admin = await factory.AdminClient();

        var created = await admin.PostAsJsonAsync(Experiments, new
        {
            name,
            variants = new[] { Variant("control", 0.5), Variant("fast", 0.5, new Dictionary<string, double> { ["taste:learningRate"] = 0.3 }) },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{Experiments}/{name}", created.Headers.Location?.OriginalString);
        var body = await created.Body();
        Assert.Equal("running", body.GetProperty("status").GetString());
        Assert.Equal(0.3, body.GetProperty("variants")[1].GetProperty("options").GetProperty("Taste:LearningRate").GetDouble(), 9);
        var list = await admin.GetFromJsonAsync<JsonElement>(Experiments);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), e => e.GetProperty("name").GetString() == name);
        Assert.Equal(name, (await admin.GetFromJsonAsync<JsonElement>($"{Experiments}/{name}")).GetProperty("name").GetString());

        var stopped = await admin.PostAsync($"{Experiments}/{name}/stop", null);

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal("stopped", (await stopped.Body()).GetProperty("status").GetString());
        Assert.Equal("stopped", (await admin.GetFromJsonAsync<JsonElement>($"{Experiments}/{name}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AUsersListNamesTheirVariantAndAStopMidwaySendsThemBackToTheDefault()
    {
        var user = await SurveyedUser();
        var before = await user.GetFromJsonAsync<JsonElement>(Looks);
        var name = NewName("midway");
        var admin = await DefineAsync(name, Variant("varied", 1, new Dictionary<string, double> { ["Ranking:DiversityWeight"] = 2 }));

        var during = await user.GetFromJsonAsync<JsonElement>(Looks);
        await admin.PostAsync($"{Experiments}/{name}/stop", null);
        var after = await user.GetFromJsonAsync<JsonElement>(Looks);

        Assert.Equal(0, before.GetProperty("experiments").GetArrayLength());
        var arm = Assert.Single(during.GetProperty("experiments").EnumerateArray());
        Assert.Equal((name, "varied"), (arm.GetProperty("experiment").GetString(), arm.GetProperty("variant").GetString()));
        Assert.NotEqual(Ids(before), Ids(during));
        Assert.Equal(0, after.GetProperty("experiments").GetArrayLength());
        Assert.Equal(Ids(before), Ids(after));
    }

    [Fact]
    public async Task TheReportsCountsEqualTheSignalsSent()
    {
        var name = NewName("counts");
        var admin = await DefineAsync(name, Variant("control", 0.5), Variant("occasion", 0.5, new Dictionary<string, double> { ["Ranking:OccasionWeight"] = 0.2 }));
        try
        {
            var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SurveyedUser()));
            var expected = new Dictionary<string, (int Likes, int Saves, int Dislikes, int Skips, int Dwells, double Seconds)>();
            var shown = new Dictionary<string, int>();
            for (var u = 0; u < users.Length; u++)
            {
                var looks = await users[u].GetFromJsonAsync<JsonElement>($"{Looks}?k=10");
                var variant = looks.GetProperty("experiments")[0].GetProperty("variant").GetString()!;
                var ids = Ids(looks).ToArray();
                // User u likes u + 1 looks, saves one, dislikes one, skips two and dwells on two for 2 s and 3 s.
                var signals = Enumerable.Range(0, u + 1).Select(i => new { id = $"like-{i}", type = "like", lookId = ids[i], dwellMs = (int?)null })
                    .Append(new { id = "save", type = "save", lookId = ids[5], dwellMs = (int?)null })
                    .Append(new { id = "dislike", type = "dislike", lookId = ids[6], dwellMs = (int?)null })
                    .Append(new { id = "skip-1", type = "skip", lookId = ids[7], dwellMs = (int?)null })
                    .Append(new { id = "skip-2", type = "skip", lookId = ids[8], dwellMs = (int?)null })
                    .Append(new { id = "dwell-1", type = "dwell", lookId = ids[9], dwellMs = (int?)2000 })
                    .Append(new { id = "dwell-2", type = "dwell", lookId = ids[4], dwellMs = (int?)3000 })
                    .ToArray();
                Assert.Equal(HttpStatusCode.Accepted, (await users[u].PostAsJsonAsync("/api/v1/users/me/signals", new { signals })).StatusCode);
                // Sent again: acknowledged as duplicates, counted nowhere.
                Assert.Equal(HttpStatusCode.Accepted, (await users[u].PostAsJsonAsync("/api/v1/users/me/signals", new { signals })).StatusCode);
                var e = expected.GetValueOrDefault(variant);
                expected[variant] = (e.Likes + u + 1, e.Saves + 1, e.Dislikes + 1, e.Skips + 2, e.Dwells + 2, e.Seconds + 5);
                shown[variant] = shown.GetValueOrDefault(variant) + 10;
            }

            await factory.FlushCountsAsync();
            var report = await admin.GetFromJsonAsync<JsonElement>($"{Experiments}/{name}/report");

            Assert.Equal("control", report.GetProperty("baseline").GetString());
            foreach (var variant in report.GetProperty("variants").EnumerateArray())
            {
                var key = variant.GetProperty("variant").GetString()!;
                var counts = variant.GetProperty("counts");
                var e = expected.GetValueOrDefault(key);
                Assert.Equal((e.Likes, e.Saves, e.Dislikes, e.Skips, e.Dwells), (counts.GetProperty("likes").GetInt32(), counts.GetProperty("saves").GetInt32(),
                    counts.GetProperty("dislikes").GetInt32(), counts.GetProperty("skips").GetInt32(), counts.GetProperty("dwells").GetInt32()));
                Assert.Equal(e.Seconds, counts.GetProperty("dwellSeconds").GetDouble(), 9);
                // The lists read, and the 20 looks of each push that had gone out when the silo flushed.
                var impressions = counts.GetProperty("impressions").GetInt32();
                Assert.True(impressions >= shown.GetValueOrDefault(key) && (impressions - shown.GetValueOrDefault(key)) % 20 == 0, $"{key}: {impressions}");
                var likes = variant.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "likes");
                Assert.Equal("wilson", likes.GetProperty("method").GetString());
                Assert.True(likes.GetProperty("low").GetDouble() <= likes.GetProperty("value").GetDouble() && likes.GetProperty("value").GetDouble() <= likes.GetProperty("high").GetDouble());
            }

            var comparison = Assert.Single(report.GetProperty("comparisons").EnumerateArray());
            Assert.Equal("occasion", comparison.GetProperty("variant").GetString());
        }
        finally
        {
            await admin.PostAsync($"{Experiments}/{name}/stop", null);
        }
    }

    [Fact]
    public async Task OnlyAdminsReachTheExperiments()
    {
        var user = await factory.NewUserClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(Experiments)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(Experiments)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownExperimentNameIsNotFoundNamingTheName()
    {
        var admin = await factory.AdminClient();

        await (await admin.GetAsync($"{Experiments}/no-such-experiment")).AssertProblem(HttpStatusCode.NotFound, "name");
        await (await admin.PostAsync($"{Experiments}/no-such-experiment/stop", null)).AssertProblem(HttpStatusCode.NotFound, "name");
        await (await admin.GetAsync($"{Experiments}/no-such-experiment/report")).AssertProblem(HttpStatusCode.NotFound, "name");
    }

    [Fact]
    public async Task AnUnknownVariantNameIsNotFoundNamingTheBaseline()
    {
        var name = NewName("baseline");
        var admin = await DefineAsync(name, Variant("a", 0.5), Variant("b", 0.5));

        await (await admin.GetAsync($"{Experiments}/{name}/report?baseline=c")).AssertProblem(HttpStatusCode.NotFound, "baseline");
        Assert.Equal("b", (await admin.GetFromJsonAsync<JsonElement>($"{Experiments}/{name}/report?baseline=b")).GetProperty("baseline").GetString());
        await admin.PostAsync($"{Experiments}/{name}/stop", null);
    }

    [Fact]
    public async Task SharesThatDoNotSumToOneAreRefusedNamingTheVariants()
    {
        var admin = await factory.AdminClient();
        var name = NewName("shares");

        await (await admin.PostAsJsonAsync(Experiments, new { name, variants = new[] { Variant("a", 0.5), Variant("b", 0.6) } })).AssertProblem(HttpStatusCode.BadRequest, "variants");
        await (await admin.GetAsync($"{Experiments}/{name}")).AssertProblem(HttpStatusCode.NotFound, "name");
    }

    [Fact]
    public async Task AnUnknownOptionIsRefusedNamingTheVariantAndTheOption()
    {
        var admin = await factory.AdminClient();

        var problem = await (await admin.PostAsJsonAsync(Experiments, new { name = NewName("option"), variants = new[] { Variant("a", 1, new Dictionary<string, double> { ["Ranking:Sparkle"] = 1 }) } }))
            .AssertProblem(HttpStatusCode.BadRequest, "variants[0].options.Ranking:Sparkle");

        Assert.Contains("Ranking:SeenPenalty", problem.GetProperty("errors").GetProperty("variants[0].options.Ranking:Sparkle")[0].GetString());
    }

    [Fact]
    public async Task OverlappingExperimentsOnTheSameOptionAreAConflictNamingTheOption()
    {
        var first = NewName("overlap-a");
        var admin = await DefineAsync(first, Variant("strong", 1, new Dictionary<string, double> { ["Ranking:SeenPenalty"] = 0.6 }));
        try
        {
            var clash = await admin.PostAsJsonAsync(Experiments, new
            {
                name = NewName("overlap-b"),
                variants = new[] { Variant("control", 0.5), Variant("weak", 0.5, new Dictionary<string, double> { ["Ranking:SeenPenalty"] = 0.05 }) },
            });

            var problem = await clash.AssertProblem(HttpStatusCode.Conflict, "variants[1].options.Ranking:SeenPenalty");
            Assert.Contains(first, problem.GetProperty("errors").GetProperty("variants[1].options.Ranking:SeenPenalty")[0].GetString());
        }
        finally
        {
            await admin.PostAsync($"{Experiments}/{first}/stop", null);
        }
    }

    [Fact]
    public async Task ANameInUseIsAConflictNamingTheName()
    {
        var name = NewName("twice");
        var admin = await DefineAsync(name, Variant("a", 1));
        await admin.PostAsync($"{Experiments}/{name}/stop", null);

        await (await admin.PostAsJsonAsync(Experiments, new { name, variants = new[] { Variant("a", 1) } })).AssertProblem(HttpStatusCode.Conflict, "name");
    }

    [Theory]
    [InlineData("{\"name\":\"bad name\",\"variants\":[{\"name\":\"a\",\"share\":1}]}", "name")]
    [InlineData("{\"name\":\"no-variants\"}", "variants")]
    [InlineData("{\"name\":\"dup\",\"variants\":[{\"name\":\"a\",\"share\":0.5},{\"name\":\"a\",\"share\":0.5}]}", "variants[1].name")]
    [InlineData("{\"name\":\"no-share\",\"variants\":[{\"name\":\"a\"}]}", "variants[0].share")]
    [InlineData("{\"name\":\"text-share\",\"variants\":[{\"name\":\"a\",\"share\":\"1\"}]}", "variants[0].share")]
    [InlineData("{\"name\":\"fraction\",\"variants\":[{\"name\":\"a\",\"share\":1,\"options\":{\"Taste:DwellSkipBelowMs\":0.5}}]}", "variants[0].options.Taste:DwellSkipBelowMs")]
    [InlineData("{\"name\":\"quota\",\"variants\":[{\"name\":\"a\",\"share\":1,\"options\":{\"Taste:SignalQuota\":100}}]}", "variants[0].options.Taste:SignalQuota")]
    [InlineData("{\"name\":\"past\",\"variants\":[{\"name\":\"a\",\"share\":1}],\"stopsAt\":\"2001-01-01T00:00:00Z\"}", "stopsAt")]
    [InlineData("{\"name\":", "name")]
    public async Task AMalformedDefinitionIsRefusedNamingTheField(string json, string field)
    {
        var admin = await factory.AdminClient();

        await (await admin.PostAsync(Experiments, Json.Raw(json))).AssertProblem(HttpStatusCode.BadRequest, field);
    }
}
