using System.Buffers;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OtMz.Hosting.Storage;

/// <summary>
/// Turns a look row's palette and garments columns into values while a shard loads (<see cref="LookRows"/>), and keeps
/// one copy of each repeated string (garment categories, titles) for the load. The shape jsonb prints, an array of
/// objects with exactly the expected properties and enum values by their JSON names, is read directly with
/// <see cref="Utf8JsonReader"/>, which is several times cheaper per look than the serializer; anything else goes to
/// <see cref="JsonSerializer"/>, so values and errors stay the serializer's own.
/// </summary>
internal sealed class LookJson
{
    private const int MaxName = 64;

    private static readonly Dictionary<string, Colour> Colours = JsonNames<Colour>();
    private static readonly Dictionary<string, GarmentSlot> Slots = JsonNames<GarmentSlot>();

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>The one copy of <paramref name="value"/> this load keeps (looks repeat titles; garments repeat categories).</summary>
    public string Share(string value)
    {
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _strings.Add(value, value);
        return value;
    }

    public ImmutableArray<PaletteEntry> Palette(string json) =>
        TryRead<PaletteEntry>(json, ReadPalette, out var palette)
            ? palette
            : [.. JsonSerializer.Deserialize<PaletteEntry[]>(json, LookRows.Json) ?? throw new JsonException("palette is null")];

    public ImmutableArray<Garment> Garments(string json) =>
        TryRead<Garment>(json, ReadGarments, out var garments)
            ? garments
            : [.. JsonSerializer.Deserialize<Garment[]>(json, LookRows.Json) ?? throw new JsonException("garments is null")];

    private delegate bool Reader<T>(ref Utf8JsonReader reader, out T item);

    private bool TryRead<T>(string json, Reader<T> readItem, out ImmutableArray<T> items)
    {
        items = default;
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(rented.AsSpan(0, Encoding.UTF8.GetBytes(json, rented)));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var builder = ImmutableArray.CreateBuilder<T>();
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                if (!readItem(ref reader, out var item))
                {
                    return false;
                }

                builder.Add(item);
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                return false;
            }

            items = builder.DrainToImmutable();
            return true;
        }
        catch (JsonException)
        {
            // Not even well-formed: the serializer says so in its own words.
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool ReadPalette(ref Utf8JsonReader reader, out PaletteEntry entry)
    {
        entry = null!;
        Colour? colour = null;
        float? weight = null;
        Span<char> name = stackalloc char[MaxName];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("colour"u8))
            {
                if (colour is not null || !reader.Read() || !Lookup(ref reader, Colours, name, out var c))
                {
                    return false;
                }

                colour = c;
            }
            else if (reader.ValueTextEquals("weight"u8))
            {
                if (weight is not null || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out var w))
                {
                    return false;
                }

                weight = w;
            }
            else
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || colour is null || weight is null)
        {
            return false;
        }

        entry = new PaletteEntry(colour.Value, weight.Value);
        return true;
    }

    private bool ReadGarments(ref Utf8JsonReader reader, out Garment garment)
    {
        garment = null!;
        GarmentSlot? slot = null;
        Colour? colour = null;
        string? category = null;
        Span<char> name = stackalloc char[MaxName];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("slot"u8))
            {
                if (slot is not null || !reader.Read() || !Lookup(ref reader, Slots, name, out var s))
                {
                    return false;
                }

                slot = s;
            }
            else if (reader.ValueTextEquals("colour"u8))
            {
                if (colour is not null || !reader.Read() || !Lookup(ref reader, Colours, name, out var c))
                {
                    return false;
                }

                colour = c;
            }
            else if (reader.ValueTextEquals("category"u8))
            {
                if (category is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                category = Share(reader.GetString()!);
            }
            else
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || slot is null || colour is null || category is null)
        {
            return false;
        }

        garment = new Garment(slot.Value, category, colour.Value);
        return true;
    }

    /// <summary>An enum value written exactly as its JSON name, without escapes; anything else is left to the serializer.</summary>
    private static bool Lookup<TEnum>(ref Utf8JsonReader reader, Dictionary<string, TEnum> names, scoped Span<char> buffer, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > buffer.Length)
        {
            return false;
        }

        var length = reader.CopyString(buffer);
        return names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(buffer[..length], out value);
    }

    /// <summary>Each value's <see cref="JsonStringEnumMemberNameAttribute"/> name, the only spelling the wire allows.</summary>
    private static Dictionary<string, TEnum> JsonNames<TEnum>()
        where TEnum : struct, Enum =>
        typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(
            f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name,
            f => (TEnum)f.GetValue(null)!,
            StringComparer.Ordinal);
}
