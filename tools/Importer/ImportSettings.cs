using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OtMz.Importer;

/// <summary>The <c>import</c> verb's arguments; checked here so that a usage error never reaches the API.</summary>
public sealed partial class ImportSettings : CommandSettings
{
    [CommandArgument(0, "<folder>")]
    [Description("Folder of pictures, searched recursively: .jpg .jpeg .png .webp (any case). A <name>.json beside a picture overrides the look's fields for it.")]
    public string Folder { get; init; } = "";

    [CommandOption("--api <url>")]
    [Description("Base address of the OtMz API.")]
    [DefaultValue("http://localhost:5080")]
    public string Api { get; init; } = "http://localhost:5080";

    [CommandOption("--token <jwt>")]
    [Description("An admin's bearer token. Default: the OTMZ_TOKEN environment variable.")]
    public string? Token { get; init; }

    [CommandOption("--dev-token")]
    [Description("With no token given, ask the API for a dev token (the embedded run issues them; production does not).")]
    public bool DevToken { get; init; }

    [CommandOption("-p|--parallel <n>")]
    [Description("Uploads in flight at once (1 to 64).")]
    [DefaultValue(4)]
    public int Parallel { get; init; } = 4;

    [CommandOption("--journal <path>")]
    [Description("The resume journal. Default: <folder>/.otmz-import.jsonl")]
    public string? Journal { get; init; }

    [CommandOption("--skip-failed")]
    [Description("Do not retry files that failed in an earlier run (and have not changed since).")]
    public bool SkipFailed { get; init; }

    [CommandOption("--gender <gender>")]
    [Description("unisex, women or men.")]
    [DefaultValue("unisex")]
    public string Gender { get; init; } = "unisex";

    [CommandOption("--seasons <list>")]
    [Description("Comma-separated: spring, summer, autumn, winter.")]
    [DefaultValue("spring,summer,autumn,winter")]
    public string Seasons { get; init; } = "spring,summer,autumn,winter";

    [CommandOption("--occasions <list>")]
    [Description("Comma-separated: daily, date, work, travel, party, workout.")]
    [DefaultValue("daily")]
    public string Occasions { get; init; } = "daily";

    [CommandOption("--min-temp <celsius>")]
    [Description("Lowest temperature the looks suit, -50 to 60.")]
    [DefaultValue(-10)]
    public int MinTempC { get; init; } = -10;

    [CommandOption("--max-temp <celsius>")]
    [Description("Highest temperature the looks suit, -50 to 60.")]
    [DefaultValue(35)]
    public int MaxTempC { get; init; } = 35;

    [CommandOption("--id-prefix <prefix>")]
    [Description("Look ids are this prefix and 16 hex digits of the SHA-256 of the file's relative path; give each crawl its own.")]
    [DefaultValue(ImageFile.DefaultIdPrefix)]
    public string IdPrefix { get; init; } = ImageFile.DefaultIdPrefix;

    public string[] SeasonList => Split(Seasons);

    public string[] OccasionList => Split(Occasions);

    public override ValidationResult Validate()
    {
        if (!Directory.Exists(Folder))
        {
            return ValidationResult.Error($"There is no folder '{Folder}'.");
        }

        if (!Uri.TryCreate(Api, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error($"--api '{Api}' is not an http(s) address.");
        }

        return Check(Parallel is >= 1 and <= 64, "--parallel is between 1 and 64.")
            ?? Check(WireNames<Gender>().Contains(Gender), $"--gender is one of {string.Join(", ", WireNames<Gender>())}.")
            ?? Check(SeasonList.Length > 0 && SeasonList.All(WireNames<Season>().Contains), $"--seasons are among {string.Join(",", WireNames<Season>())}.")
            ?? Check(OccasionList.Length > 0 && OccasionList.All(WireNames<Occasion>().Contains), $"--occasions are among {string.Join(",", WireNames<Occasion>())}.")
            ?? Check(MinTempC is >= -50 and <= 60 && MaxTempC is >= -50 and <= 60 && MinTempC <= MaxTempC, "--min-temp and --max-temp are within -50..60 with min ≤ max.")
            ?? Check(IdPrefixPattern().IsMatch(IdPrefix), "--id-prefix starts with a letter or digit and has at most 48 letters, digits or - _ . @ :")
            ?? ValidationResult.Success();
    }

    public LookFields Defaults => new(Gender, SeasonList, OccasionList, MinTempC, MaxTempC);

    private static ValidationResult? Check(bool ok, string message) => ok ? null : ValidationResult.Error(message);

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The names the API's JSON uses for an enum of the contracts ("women", "autumn").</summary>
    private static HashSet<string> WireNames<T>() where T : struct, Enum => new(typeof(T)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._@:-]{0,47}\z")]
    private static partial Regex IdPrefixPattern();
}
