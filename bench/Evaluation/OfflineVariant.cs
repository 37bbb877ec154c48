using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using OtMz.Grains.Experiments;

namespace OtMz.Evaluation;

/// <summary>
/// One variant of an offline experiment: a name and the ranking and taste options it overrides, keyed as an online
/// experiment's variants are ("Taste:LearningRate"), and checked against the same list of overridable options
/// (<see cref="VariantOptions"/>), so a file that runs offline can be posted to /api/v1/experiments as it is.
/// </summary>
public sealed record OfflineVariant(string Name, ImmutableSortedDictionary<string, double> Options)
{
    /// <summary>The options as configuration settings of the evaluation silo.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
        Options.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>"name" or "name:Section:Key=value,Section:Key=value", as --variant takes it.</summary>
    public static OfflineVariant Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        var options = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            foreach (var pair in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.LastIndexOf('=');
                if (equals <= 0 || !double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new ArgumentException($"--variant {text}: '{pair}' is not Section:Key=number.");
                }

                options[pair[..equals]] = value;
            }
        }

        return Checked(name, options.ToImmutable(), $"--variant {text}");
    }

    /// <summary>
    /// The variants of an experiment file: the body of POST /api/v1/experiments, <c>{ "name": ..., "variants":
    /// [{ "name": ..., "share": ..., "options": { "Taste:LearningRate": 0.1 } }] }</c>; shares are ignored offline,
    /// where every variant plays all the users.
    /// </summary>
    public static ImmutableArray<OfflineVariant> ReadFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("variants", out var variants) || variants.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException($"{path}: an experiment file has a 'variants' array.");
        }

        return [.. variants.EnumerateArray().Select((v, i) =>
        {
            var name = v.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var options = v.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object
                ? o.EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal)
                : ImmutableSortedDictionary<string, double>.Empty;
            return Checked(name, options, $"{path}: variants[{i}]");
        })];
    }

    private static OfflineVariant Checked(string name, ImmutableSortedDictionary<string, double> options, string where)
    {
        if (!IdRules.IsValid(name))
        {
            throw new ArgumentException($"{where}: a variant name is {IdRules.Rule}.");
        }

        var canonical = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in options)
        {
            var option = VariantOptions.Canonical(key) ?? throw new ArgumentException(
                $"{where}: '{key}' is not an option a variant can override; those are {string.Join(", ", VariantOptions.Keys)}.");
            canonical[option] = VariantOptions.Problem(option, value) is { } problem ? throw new ArgumentException($"{where}: {problem}") : value;
        }

        return new OfflineVariant(name, canonical.ToImmutable());
    }
}
