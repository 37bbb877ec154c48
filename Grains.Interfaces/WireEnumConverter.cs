using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// Reads and writes an enum by its documented JSON name only. The framework's string converter also accepts
/// numbers ("colour": 99), which let out-of-range values into storage and broke every reader of them.
/// </summary>
public sealed class WireEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
