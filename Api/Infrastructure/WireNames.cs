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
