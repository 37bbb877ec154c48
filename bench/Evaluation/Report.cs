using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OtMz.Evaluation;

public sealed record SeedReport(int Seed, RoundMetrics[] Rounds);

/// <summary>One system's figures: per round averaged over seeds, per seed, and where tastes ended up off their true styles.</summary>
public sealed record SystemReport(
    string Name,
    ImmutableArray<RoundMetrics> Overall,
    ImmutableArray<SeedReport> PerSeed,
    ImmutableArray<Drift> Drifts,
    ImmutableArray<Drift> StrongestToLearned);

public sealed record MachineInfo(int Cores, string Os, string Runtime);

public sealed record RunSettings(int Users, int Rounds, ImmutableArray<int> Seeds, int K, int CatalogLooks, int CatalogSeed, string Season,
    ImmutableDictionary<string, string?> Settings);

/// <summary>Everything a run measured, as the --out JSON holds it and the console table prints it.</summary>
public sealed record EvaluationReport(
    string Command,
    DateTimeOffset StartedAt,
    double ElapsedSeconds,
    MachineInfo Machine,
    RunSettings Run,
    ImmutableArray<SystemReport> Systems)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The per-round table (systems side by side in each round), then the last round's drifts.</summary>
    public void WriteTable(TextWriter writer)
    {
        var width = Systems.Max(s => s.Name.Length);
        writer.WriteLine($"{Run.Users} users x {Run.Rounds} rounds x seeds {string.Join(",", Run.Seeds)}; {Run.CatalogLooks} looks, {Run.Season}; " +
                         $"{(Run.Settings.IsEmpty ? "default options" : string.Join(", ", Run.Settings.Select(s => $"{s.Key}={s.Value}")))}; mean over seeds");
        writer.WriteLine();
        writer.WriteLine($"{"round",5}  {"system".PadRight(width)}  {"P@20 5%",7}  {"P@20 1%",7}  {"NDCG",5}  {"new rel",7}  {"cos",5}  {"top ok",6}  {"cover",6}  {"ILS",5}  {"street",6}  {"true st",7}");
        for (var r = 0; r < Run.Rounds; r++)
        {
            foreach (var system in Systems)
            {
                var m = system.Overall[r];
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Round,5}  {system.Name.PadRight(width)}  {m.PrecisionTop5,7:0.000}  {m.PrecisionTop1,7:0.000}  {m.Ndcg,5:0.000}  {m.NewRelevant,7:0.000}  {m.TasteCosine,5:0.000}  {m.TopStyleHit,6:0.000}  {m.Coverage,6:0.0000}  {m.IntraListSimilarity,5:0.000}  {m.StreetShare,6:0.000}  {m.TrueStreetWeight,7:0.000}"));
            }
        }

        foreach (var system in Systems)
        {
            var last = system.Overall[^1];
            writer.WriteLine();
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{system.Name}: round {last.Round} P@20 in the true top 1 % per seed: {string.Join(", ", system.PerSeed.Select(p => $"{p.Seed}: {p.Rounds[^1].PrecisionTop1:0.000}"))}"));
            var drifts = system.StrongestToLearned.Take(8).Select(d => $"{d.TrueStyles}->{d.LearnedTop} {d.Users}");
            writer.WriteLine($"  strongest true style -> learned top style, where they differ: {string.Join(", ", drifts)}");
            var misses = system.Drifts.Sum(d => d.Users);
            writer.WriteLine($"  users whose learned top style is none of their true styles: {misses}; most common: " +
                             string.Join(", ", system.Drifts.Take(6).Select(d => $"{d.TrueStyles}->{d.LearnedTop} {d.Users}")));
        }
    }
}
