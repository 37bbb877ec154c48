using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace OtMz.Api.Infrastructure;

/// <summary>Parses enum values from query strings by the same names JSON uses ("one-piece", "skyblue").</summary>
public static class WireNames
{
    public static bool TryParse<T>(string? value, out T result) where T : struct, Enum
    {
        result = default;
        return value is not null && Cache<T>.ByName.TryGetValue(value, out result);
    }

    /// <summary>Null for a missing value; for an unknown one, null and an error naming <paramref name="field"/>.</summary>
    public static T? ParseOptional<T>(string? value, string field, List<FieldError> errors) where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (TryParse<T>(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(new FieldError(field, $"Unknown {field} '{value}'; one of {string.Join(", ", Of<T>())}."));
        return null;
    }

    public static IEnumerable<string> Of<T>() where T : struct, Enum => Cache<T>.ByName.Keys.Order();

    private static class Cache<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ByName = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(
                f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name,
                f => (T)f.GetValue(null)!,
                StringComparer.OrdinalIgnoreCase);
    }
}
