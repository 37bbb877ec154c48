using System.Collections.Immutable;
using System.Globalization;

namespace OtMz.Evaluation;

/// <summary>The command line (bench/README.md, "Evaluation"); defaults are the documented run's.</summary>
public sealed record EvaluationOptions
{
    public int Users { get; init; } = 200;

    public int Rounds { get; init; } = 10;

    public ImmutableArray<int> Seeds { get; init; } = [1, 2, 3];

    public string? Out { get; init; }

    /// <summary>Looks per list, as the Api's default.</summary>
    public int K { get; init; } = RecommendationQuery.DefaultK;

    public int CatalogLooks { get; init; } = 20_000;

    public int CatalogSeed { get; init; } = 42;

    /// <summary>The grains' clock stands still here: spring, mid-morning.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 4, 15, 10, 0, 0, TimeSpan.Zero);

    /// <summary>How many users play at once; results do not depend on it.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>Configuration the silo gets on top of its defaults, such as Taste:PriorCorrection=0 for an ablation.</summary>
    public ImmutableDictionary<string, string?> Settings { get; init; } = ImmutableDictionary<string, string?>.Empty;

    public static EvaluationOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EvaluationOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--users" => options with { Users = Positive(args[i], value) },
                "--rounds" => options with { Rounds = Positive(args[i], value) },
                "--seeds" => options with { Seeds = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--out" => options with { Out = value },
                "--looks" => options with { CatalogLooks = Positive(args[i], value) },
                "--parallel" => options with { Parallelism = Positive(args[i], value) },
                "--set" when value.Split('=', 2) is [var key, var setting] => options with { Settings = options.Settings.SetItem(key, setting) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}' (or a --set without key=value). Options: --users N --rounds N --seeds 1,2,3 --out file.json --looks N --parallel N --set Section:Key=value."),
            };
            i++;
        }

        return options.Seeds.IsEmpty ? throw new ArgumentException("--seeds needs at least one seed.") : options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} is a positive integer; got '{value}'.");
}
