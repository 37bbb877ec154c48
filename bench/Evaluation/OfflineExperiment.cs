using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace OtMz.Evaluation;

/// <summary>
/// An A/B experiment run offline: the platform plays the same simulated users (same seeds, same reactions model) once
/// per variant, each time in a fresh silo whose options are the variant's, and the variants' rows are printed side
/// by side, round by round, with the winner of each headline metric in the last round. Where an online experiment
/// splits real users and waits for signals, this answers in a minute whether a variant is worth putting online.
/// The arguments are <c>--variant name:Key=value,...</c> (repeatable) or <c>--experiment file.json</c>; the rest
/// are the harness's own (<see cref="EvaluationOptions"/>).
/// </summary>
public static class OfflineExperiment
{
    public sealed record Result(ImmutableArray<(OfflineVariant Variant, EvaluationReport Report)> Runs);

    /// <summary>The variants the arguments name, and the arguments left for <see cref="EvaluationOptions.Parse"/>.</summary>
    public static (ImmutableArray<OfflineVariant> Variants, string[] Remaining) Split(IReadOnlyList<string> args)
    {
        var variants = ImmutableArray.CreateBuilder<OfflineVariant>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--variant" or "--experiment")
            {
                var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                if (args[i - 1] == "--variant")
                {
                    variants.Add(OfflineVariant.Parse(value));
                }
                else
                {
                    variants.AddRange(OfflineVariant.ReadFile(value));
                }
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (variants.Select(v => v.Name).Distinct(StringComparer.Ordinal).Count() != variants.Count)
        {
            throw new ArgumentException("Each variant needs a name of its own.");
        }

        return (variants.ToImmutable(), [.. rest]);
    }

    /// <summary>Runs the platform once per variant over the same users; the variant's options go on top of --set's.</summary>
    public static async Task<Result> RunAsync(EvaluationOptions options, IReadOnlyList<OfflineVariant> variants, string command, TextWriter progress)
    {
        var runs = ImmutableArray.CreateBuilder<(OfflineVariant, EvaluationReport)>(variants.Count);
        foreach (var variant in variants)
        {
            progress.WriteLine($"variant {variant.Name}: {Describe(variant)}");
            var report = await Evaluator.RunAsync(options with { Settings = options.Settings.SetItems(variant.Settings) }, command, progress);
            runs.Add((variant, report));
        }

        return new Result(runs.MoveToImmutable());
    }

    /// <summary>The platform's row of the last round for each variant.</summary>
    public static RoundMetrics LastRound(EvaluationReport report) => report.Systems.Single(s => s.Name == PlatformRunner.Name).Overall[^1];

    /// <summary>The variant with the highest value of <paramref name="metric"/> in the last round.</summary>
    public static string Winner(Result result, Func<RoundMetrics, double> metric) =>
        result.Runs.MaxBy(r => metric(LastRound(r.Report))).Variant.Name;

    public static void WriteTable(Result result, TextWriter writer)
    {
        var first = result.Runs[0].Report.Run;
        var width = Math.Max(7, result.Runs.Max(r => r.Variant.Name.Length));
        writer.WriteLine($"{first.Users} users x {first.Rounds} rounds x seeds {string.Join(",", first.Seeds)}; {first.CatalogLooks} looks, {first.Season}; the platform once per variant over the same users; mean over seeds");
        foreach (var (variant, _) in result.Runs)
        {
            writer.WriteLine($"  {variant.Name.PadRight(width)}  {Describe(variant)}");
        }

        writer.WriteLine();
        writer.WriteLine($"{"round",5}  {"variant".PadRight(width)}  {"P@20 5%",7}  {"P@20 1%",7}  {"NDCG",5}  {"new rel",7}  {"cos",5}  {"top ok",6}  {"cover",6}  {"ILS",5}  {"street",6}");
        for (var r = 0; r < first.Rounds; r++)
        {
            foreach (var (variant, report) in result.Runs)
            {
                var m = report.Systems.Single(s => s.Name == PlatformRunner.Name).Overall[r];
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Round,5}  {variant.Name.PadRight(width)}  {m.PrecisionTop5,7:0.000}  {m.PrecisionTop1,7:0.000}  {m.Ndcg,5:0.000}  {m.NewRelevant,7:0.000}  {m.TasteCosine,5:0.000}  {m.TopStyleHit,6:0.000}  {m.Coverage,6:0.0000}  {m.IntraListSimilarity,5:0.000}  {m.StreetShare,6:0.000}"));
            }
        }

        writer.WriteLine();
        writer.WriteLine($"round {first.Rounds} winners: P@20 5% {Winner(result, m => m.PrecisionTop5)}, P@20 1% {Winner(result, m => m.PrecisionTop1)}, " +
                         $"NDCG {Winner(result, m => m.Ndcg)}, new relevant {Winner(result, m => m.NewRelevant)}, taste cosine {Winner(result, m => m.TasteCosine)}");
    }

    public static string ToJson(Result result) => JsonSerializer.Serialize(
        result.Runs.Select(r => new { variant = r.Variant.Name, options = r.Variant.Options, report = JsonDocument.Parse(r.Report.ToJson()).RootElement }),
        new JsonSerializerOptions { WriteIndented = true });

    private static string Describe(OfflineVariant variant) =>
        variant.Options.IsEmpty ? "default options" : string.Join(", ", variant.Options.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key}={o.Value}")));
}
