using System.Diagnostics.CodeAnalysis;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A checked style vector: exactly <see cref="StyleTaxonomy.Count"/> finite, non-negative entries,
/// not all zero. Every vector entering the platform passes through <see cref="TryCreate"/>.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.style-vector")]
[System.Text.Json.Serialization.JsonConverter(typeof(StyleVectorJsonConverter))]
public sealed class StyleVector
{
    [Id(0)]
    private readonly float[] _values;

    private StyleVector(float[] values) => _values = values;

    public ReadOnlySpan<float> Values => _values;

    public float this[int index] => _values[index];

    public float[] ToArray() => (float[])_values.Clone();

    /// <summary>Returns null when <paramref name="values"/> is a valid style vector, else what is wrong with it.</summary>
    public static string? Validate(IReadOnlyList<float>? values)
    {
        if (values is null)
        {
            return "A style vector is required.";
        }

        if (values.Count != StyleTaxonomy.Count)
        {
            return $"A style vector has exactly {StyleTaxonomy.Count} entries (one per style, in the order of the style taxonomy); got {values.Count}.";
        }

        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (float.IsNaN(v))
            {
                return $"Entry {i} ({StyleTaxonomy.KeyOf(i)}) is NaN.";
            }

            if (float.IsInfinity(v))
            {
                return $"Entry {i} ({StyleTaxonomy.KeyOf(i)}) is infinite.";
            }

            if (v < 0)
            {
                return $"Entry {i} ({StyleTaxonomy.KeyOf(i)}) is negative ({v}); style scores are non-negative.";
            }

            sum += v;
        }

        return sum > 0 ? null : "A style vector cannot be all zero.";
    }

    public static bool TryCreate(IReadOnlyList<float>? values, [NotNullWhen(true)] out StyleVector? vector, [NotNullWhen(false)] out string? error)
    {
        error = Validate(values);
        vector = error is null ? new StyleVector([.. values!]) : null;
        return vector is not null;
    }

    public static StyleVector Create(IReadOnlyList<float> values) =>
        TryCreate(values, out var vector, out var error) ? vector : throw new ArgumentException(error, nameof(values));
}
