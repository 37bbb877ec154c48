using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using OtMz.Grains.Ranking;
using OtMz.Grains.Taste;

namespace OtMz.Grains.Experiments;

/// <summary>
/// Which ranking and taste options a variant may override, and the effective options of a user in some variants.
/// The overridable options are found on <see cref="RankingOptions"/> and <see cref="TasteOptions"/> by reflection:
/// every public numeric or on/off property (an on/off one takes 0 or 1), named "Ranking:X" or "Taste:X" as in
/// configuration, except those that are not a
/// per-user choice (the signal quota and retention are promises to clients; the look memory sizes stored state;
/// the candidate pool is the shards' load). A new weight or rate added to either class is overridable at once.
/// </summary>
public static class VariantOptions
{
    public const string RankingSection = "Ranking";
    public const string TasteSection = "Taste";

    private static readonly FrozenSet<string> NotPerUser = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Taste:SignalQuota", "Taste:SignalIdRetention", "Taste:LookMemory", "Ranking:CandidatePool");

    private static readonly FrozenDictionary<string, PropertyInfo> Overridable =
        Numeric<RankingOptions>(RankingSection).Concat(Numeric<TasteOptions>(TasteSection))
            .Where(p => !NotPerUser.Contains(p.Key))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The option keys a variant may override, in their canonical spelling.</summary>
    public static IEnumerable<string> Keys => Overridable.Values.Select(p => $"{SectionOf(p)}:{p.Name}").Order(StringComparer.Ordinal);

    /// <summary>The canonical spelling of <paramref name="key"/> (matched ignoring case), or null if it is not overridable.</summary>
    public static string? Canonical(string key) =>
        Overridable.TryGetValue(key, out var property) ? $"{SectionOf(property)}:{property.Name}" : null;

    /// <summary>Null when <paramref name="value"/> fits the option <paramref name="key"/> (canonical), else why not.</summary>
    public static string? Problem(string key, double value)
    {
        var property = Overridable[key];
        if (!double.IsFinite(value))
        {
            return $"{key} must be a finite number.";
        }

        if (property.PropertyType == typeof(bool) && value is not (0 or 1))
        {
            return $"{key} is on or off: 1 or 0.";
        }

        if (property.PropertyType == typeof(int) && (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue))
        {
            return $"{key} is a whole number.";
        }

        if (property.PropertyType == typeof(float) && Math.Abs(value) > float.MaxValue)
        {
            return $"{key} is out of range.";
        }

        return null;
    }

    /// <summary>
    /// Copies of <paramref name="ranking"/> and <paramref name="taste"/> with <paramref name="overrides"/> applied
    /// (canonical keys, values checked by <see cref="Problem"/>). The inputs are left as they are.
    /// </summary>
    public static (RankingOptions Ranking, TasteOptions Taste) Apply(RankingOptions ranking, TasteOptions taste, IEnumerable<KeyValuePair<string, double>> overrides)
    {
        var r = Copy(ranking);
        var t = Copy(taste);
        foreach (var (key, value) in overrides)
        {
            var property = Overridable[key];
            object target = property.DeclaringType == typeof(RankingOptions) ? r : t;
            property.SetValue(target, property.PropertyType == typeof(int) ? (int)value
                : property.PropertyType == typeof(float) ? (float)value
                : property.PropertyType == typeof(bool) ? value != 0
                : (object)value);
        }

        return (r, t);
    }

    private static IEnumerable<KeyValuePair<string, PropertyInfo>> Numeric<T>(string section) =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && (p.PropertyType == typeof(float) || p.PropertyType == typeof(double) || p.PropertyType == typeof(int) || p.PropertyType == typeof(bool)))
            .Select(p => KeyValuePair.Create($"{section}:{p.Name}", p));

    private static string SectionOf(PropertyInfo property) => property.DeclaringType == typeof(RankingOptions) ? RankingSection : TasteSection;

    /// <summary>A shallow copy with every public settable property: the option classes hold values only.</summary>
    private static T Copy<T>(T source)
        where T : new()
    {
        var copy = new T();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite))
        {
            property.SetValue(copy, property.GetValue(source));
        }

        return copy;
    }
}
