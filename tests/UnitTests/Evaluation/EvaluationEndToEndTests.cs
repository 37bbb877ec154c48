using OtMz.Evaluation;

namespace OtMz.UnitTests.Evaluation;

/// <summary>A small whole run: five users for two rounds against a real in-process silo, and every figure in range.</summary>
public class EvaluationEndToEndTests
{
    [Fact]
    public async Task ASmallRunReportsEveryMetricInRangeForEverySystem()
    {
        var options = new EvaluationOptions { Users = 5, Rounds = 2, Seeds = [11] };
        var report = await Evaluator.RunAsync(options, "test", TextWriter.Null);

        Assert.Equal(["platform", Baselines.Original, Baselines.MovingAverage], report.Systems.Select(s => s.Name));
        foreach (var system in report.Systems)
        {
            Assert.Equal([1, 2], system.Overall.Select(m => m.Round));
            var seed = Assert.Single(system.PerSeed);
            Assert.Equal(11, seed.Seed);
            foreach (var m in system.Overall.Concat(seed.Rounds))
            {
                double[] unitInterval = [m.PrecisionTop5, m.PrecisionTop1, m.Ndcg, m.NewRelevant, m.TasteCosine, m.TopStyleHit,
                    m.Coverage, m.IntraListSimilarity, m.StreetShare, m.TrueStreetWeight, m.StreetGap];
                Assert.All(unitInterval, v => Assert.InRange(v, 0.0, 1.0));
                Assert.True(m.PrecisionTop1 <= m.PrecisionTop5);
                Assert.True(m.NewRelevant <= m.PrecisionTop5);
                Assert.True(m.Coverage > 0);
            }

            Assert.True(system.Overall[1].Coverage >= system.Overall[0].Coverage);
        }

        // The survey answer is the strongest true style, so every system starts there.
        Assert.All(report.Systems, s => Assert.Equal(1.0, s.Overall[0].TopStyleHit));

        var json = report.ToJson();
        foreach (var name in new[] { "precisionTop5", "precisionTop1", "ndcg", "newRelevant", "tasteCosine", "topStyleHit", "coverage", "intraListSimilarity", "streetShare", "trueStreetWeight", "drifts" })
        {
            Assert.Contains($"\"{name}\"", json);
        }

        var table = new StringWriter();
        report.WriteTable(table);
        Assert.Contains("P@20 1%", table.ToString());
    }
}
