using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using OtMz.Grains;
using OtMz.Grains.Demo;

namespace OtMz.Evaluation;

/// <summary>
/// Runs one evaluation: starts the in-process silo, and for each seed draws the users, plays them against the
/// platform and replays them through the two baselines, then scores every system round by round.
/// </summary>
public static class Evaluator
{
    public static async Task<EvaluationReport> RunAsync(EvaluationOptions options, string command, TextWriter progress)
    {
        var started = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(options.Now);
        var catalog = new CatalogTruth(DemoCatalog.Generate(options.CatalogLooks, options.CatalogSeed), SeasonCalendar.Of(options.Now));
        using var host = await EvaluationSilo.StartAsync(options.CatalogLooks, options.CatalogSeed, clock, options.Settings);
        var platform = new PlatformRunner(EvaluationSilo.Grains(host), clock);

        var systems = new[] { PlatformRunner.Name }.Concat(Baselines.Names).ToArray();
        var perSeed = systems.ToDictionary(s => s, _ => new List<SeedReport>());
        var runsBySystem = systems.ToDictionary(s => s, _ => new List<UserRun>());
        foreach (var seed in options.Seeds)
        {
            var truths = UserFactory.CreateMany(seed, options.Users).Select(u => new UserTruth(u, catalog)).ToArray();
            var platformRuns = new UserRun[truths.Length];
            await Parallel.ForAsync(0, truths.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism },
                async (i, _) => platformRuns[i] = await platform.RunAsync(truths[i], options.Rounds, options.K));
            Record(PlatformRunner.Name, platformRuns);

            foreach (var rule in Baselines.Names)
            {
                var runs = new UserRun[truths.Length];
                Parallel.For(0, truths.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                    i => runs[i] = Baselines.Run(rule, truths[i], options.Rounds, options.K));
                Record(rule, runs);
            }

            progress.WriteLine($"seed {seed}: {truths.Length} users x {options.Rounds} rounds done at {started.Elapsed.TotalSeconds:0.0} s");

            void Record(string system, UserRun[] runs)
            {
                perSeed[system].Add(new SeedReport(seed, Scoring.Score(truths, runs, options.Rounds, options.K)));
                runsBySystem[system].AddRange(runs);
            }
        }

        await host.StopAsync();
        var reports = systems.Select(s => new SystemReport(
            s,
            [.. Enumerable.Range(0, options.Rounds).Select(r => RoundMetrics.Mean([.. perSeed[s].Select(p => p.Rounds[r])]))],
            [.. perSeed[s]],
            [.. Scoring.Drifts(runsBySystem[s])],
            [.. Scoring.StrongestToLearned(runsBySystem[s])])).ToImmutableArray();

        return new EvaluationReport(
            command,
            startedAt,
            Math.Round(started.Elapsed.TotalSeconds, 1),
            new MachineInfo(Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription),
            new RunSettings(options.Users, options.Rounds, options.Seeds, options.K, options.CatalogLooks, options.CatalogSeed,
                catalog.Season.ToString().ToLowerInvariant(), options.Settings),
            reports);
    }
}
