using System.Text.Json.Serialization;

namespace OtMz.Importer;

[JsonConverter(typeof(JsonStringEnumConverter<ImportOutcome>))]
public enum ImportOutcome
{
    /// <summary>The API stored the look (201 Created or 200 OK).</summary>
    [JsonStringEnumMemberName("imported")] Imported,

    /// <summary>This file could not be imported; the others go on.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>The API refused the token (401 or 403): every file would fail, so the run stops. Never journaled.</summary>
    [JsonStringEnumMemberName("refused")] Refused,
}
