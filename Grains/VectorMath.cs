namespace OtMz.Grains;

/// <summary>Small, allocation-free vector helpers shared by the taste model, the ranker and the shards.</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public static float Norm(ReadOnlySpan<float> a) => MathF.Sqrt(Dot(a, a));

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var denominator = Norm(a) * Norm(b);
        return denominator > 0 ? Dot(a, b) / denominator : 0f;
    }

    /// <summary>Writes the unit vector of <paramref name="source"/>; false (and zeros) when it has no direction.</summary>
    public static bool TryNormalize(ReadOnlySpan<float> source, Span<float> destination)
    {
        var norm = Norm(source);
        if (!(norm > 0) || !float.IsFinite(norm))
        {
            destination[..source.Length].Clear();
            return false;
        }

        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] / norm;
        }

        return true;
    }

    public static float[] Normalized(ReadOnlySpan<float> source)
    {
        var result = new float[source.Length];
        TryNormalize(source, result);
        return result;
    }

    public static float Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return MathF.Sqrt(sum);
    }

    /// <summary>Adds <paramref name="source"/> scaled to unit length into <paramref name="sum"/>; a zero vector adds nothing.</summary>
    public static void AddUnit(Span<float> sum, ReadOnlySpan<float> source)
    {
        var norm = Norm(source);
        if (norm > 0)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += source[i] / norm;
            }
        }
    }
}
