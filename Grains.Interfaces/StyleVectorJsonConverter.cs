using System.Text.Json;
using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>Writes a style vector as a plain JSON array of 23 numbers and reads one back, checked.</summary>
public sealed class StyleVectorJsonConverter : JsonConverter<StyleVector>
{
    public override StyleVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var values = JsonSerializer.Deserialize<float[]>(ref reader, options);
        return StyleVector.TryCreate(values, out var vector, out var error) ? vector : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, StyleVector value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var v in value.Values)
        {
            writer.WriteNumberValue(MathF.Round(v, 6));
        }

        writer.WriteEndArray();
    }
}
