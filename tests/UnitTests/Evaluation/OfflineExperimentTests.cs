using OtMz.Evaluation;

namespace OtMz.UnitTests.Evaluation;

/// <summary>
/// The harness runs an experiment offline: the platform once per variant over the same users, side by side. A
/// variant that scatters every list (a diversity weight twelve times the default's pushes each pick away from the
/// taste) loses to the default, and the arguments take variants as --variant and as the online route's JSON.
/// </summary>
public class OfflineExperimentTests
{
    [Fact]
    public async Task AClearlyWorseVariantLosesToTheDefaultOnTheSameUsers()
    {
        var (variants, remaining) = OfflineExperiment.Split(["--users", "12", "--variant", "default", "--rounds", "3", "--variant", "scattered:ranking:diversityWeight=3"]);
        var options = EvaluationOptions.Parse(remaining) with { Seeds = [7], CatalogLooks = 4000 };

        var result = await OfflineExperiment.RunAsync(options, variants, "test", TextWriter.Null);

        Assert.Equal(["default", "scattered"], result.Runs.Select(r => r.Variant.Name));
        Assert.Equal(3.0, result.Runs[1].Variant.Options["Ranking:DiversityWeight"]);
        var platform = result.Runs.Select(r => r.Report.Systems.Single(s => s.Name == PlatformRunner.Name).Overall).ToArray();
        Assert.All(Enumerable.Range(0, 3), round =>
        {
            Assert.True(platform[0][round].PrecisionTop5 > platform[1][round].PrecisionTop5, $"round {round + 1}: P@20 5%");
            Assert.True(platform[0][round].Ndcg > platform[1][round].Ndcg, $"round {round + 1}: NDCG");
        });
        Assert.Equal("default", OfflineExperiment.Winner(result, m => m.PrecisionTop5));
        // The same users: round 1 follows from the survey alone, so both variants score the same taste.
        Assert.Equal(platform[0][0].TasteCosine, platform[1][0].TasteCosine, 9);

        var table = new StringWriter();
        OfflineExperiment.WriteTable(result, table);
        Assert.Contains("scattered  Ranking:DiversityWeight=3", table.ToString());
        Assert.Contains("round 3 winners: P@20 5% default", table.ToString());
    }

    [Fact]
    public void AnExperimentFileIsTheOnlineRoutesBodyAndUnknownOptionsAreRefused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                {"name":"seen","variants":[{"name":"control","share":0.5},{"name":"strong","share":0.5,"options":{"Ranking:SeenPenalty":0.6}}]}
                """);

            var (variants, remaining) = OfflineExperiment.Split(["--experiment", path, "--users", "3"]);

            Assert.Equal(["control", "strong"], variants.Select(v => v.Name));
            Assert.Empty(variants[0].Options);
            Assert.Equal(0.6, variants[1].Options["Ranking:SeenPenalty"]);
            Assert.Equal(["--users", "3"], remaining);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Contains("Ranking:SeenPenalty", Assert.Throws<ArgumentException>(() => OfflineExperiment.Split(["--variant", "x:Ranking:Sparkle=1"])).Message);
        Assert.Throws<ArgumentException>(() => OfflineExperiment.Split(["--variant", "x:Taste:SignalQuota=100"]));
        Assert.Throws<ArgumentException>(() => OfflineExperiment.Split(["--variant", "x:Taste:LearningRate"]));
        Assert.Throws<ArgumentException>(() => OfflineExperiment.Split(["--variant", "a", "--variant", "a"]));
    }
}
