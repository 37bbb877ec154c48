using System.Globalization;
using System.Text.Json;

namespace OtMz.Importer;

/// <summary>
/// The look's fields sent beside each picture: the command's defaults, overridden per picture by its sidecar JSON.
/// Values are checked by the API, which names the field it refuses; the importer only carries them.
/// </summary>
public sealed record LookFields(string Gender, IReadOnlyList<string> Seasons, IReadOnlyList<string> Occasions, int MinTempC, int MaxTempC)
{
    public static readonly LookFields Default = new("unisex", ["spring", "summer", "autumn", "winter"], ["daily"], -10, 35);

    /// <summary>The multipart text fields sent beside the picture.</summary>
    public IEnumerable<(string Name, string Value)> FormFields(string id, string title) =>
    [
        ("id", id),
        ("title", title),
        ("gender", Gender),
        ("seasons", string.Join(',', Seasons)),
        ("occasions", string.Join(',', Occasions)),
        ("minTempC", MinTempC.ToString(CultureInfo.InvariantCulture)),
        ("maxTempC", MaxTempC.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>
    /// Applies a sidecar object: any of id, title, gender, seasons, occasions (an array or a comma-separated string),
    /// minTempC, maxTempC. Other properties (crawl metadata) are ignored.
    /// </summary>
    /// <exception cref="FormatException">The sidecar is not a JSON object or a known field has the wrong type.</exception>
    public (LookFields Fields, string? Id, string? Title) Overlay(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("not a JSON object");
            }

            var fields = this with
            {
                Gender = Text(root, "gender") ?? Gender,
                Seasons = List(root, "seasons") ?? Seasons,
                Occasions = List(root, "occasions") ?? Occasions,
                MinTempC = Number(root, "minTempC") ?? MinTempC,
                MaxTempC = Number(root, "maxTempC") ?? MaxTempC,
            };
            return (fields, Text(root, "id"), Text(root, "title"));
        }
    }

    private static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new FormatException($"'{name}' is a string"),
    } : null;

    private static IReadOnlyList<string>? List(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                [.. value.EnumerateArray().Select(v => v.GetString()!.Trim())],
            _ => throw new FormatException($"'{name}' is an array of strings or a comma-separated string"),
        };
    }

    private static int? Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new FormatException($"'{name}' is a whole number of degrees Celsius");
    }
}
