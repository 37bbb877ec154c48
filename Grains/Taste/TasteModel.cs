namespace OtMz.Grains.Taste;

/// <summary>
/// Where the taste vector changes. Pure functions over spans, testable without Orleans. The taste is kept
/// unit-length and non-negative, so one signal moves it by at most 2a and it can never become NaN.
/// </summary>
public static class TasteModel
{
    /// <summary>A new user's taste before any signal or survey: no style preferred.</summary>
    public static float[] Neutral()
    {
        var taste = new float[StyleTaxonomy.Count];
        Array.Fill(taste, 1f / MathF.Sqrt(StyleTaxonomy.Count));
        return taste;
    }

    /// <summary>w = min(1, ln(1 + ms/1000) / ln(31)): a glance barely counts, 30 s counts like a like.</summary>
    public static float DwellWeight(int dwellMs) =>
        MathF.Min(1f, MathF.Log(1f + Math.Max(0, dwellMs) / 1000f) / MathF.Log(31f));

    /// <summary>t ← normalise(max(0, t + step·s)); a negative step pushes away from the look.</summary>
    public static void Nudge(Span<float> taste, ReadOnlySpan<float> look, float step)
    {
        step = Math.Clamp(step, -1f, 1f);
        Span<float> previous = stackalloc float[taste.Length];
        taste.CopyTo(previous);
        for (var i = 0; i < taste.Length; i++)
        {
            taste[i] = MathF.Max(0f, taste[i] + step * look[i]);
        }

        Settle(taste, previous);
    }

    /// <summary>t ← normalise(max(0, t − step·s)).</summary>
    public static void Repel(Span<float> taste, ReadOnlySpan<float> look, float step) => Nudge(taste, look, -Math.Clamp(step, 0f, 1f));

    /// <summary>Exponential moving average of the colour affinity towards <paramref name="target"/> (weights summing to 1).</summary>
    public static void BlendColours(Span<float> affinity, ReadOnlySpan<float> target, float rate)
    {
        rate = Math.Clamp(rate, 0f, 1f);
        for (var i = 0; i < affinity.Length; i++)
        {
            affinity[i] = (1 - rate) * affinity[i] + rate * target[i];
        }
    }

    /// <summary>Renormalises; should an update leave no direction at all, the previous taste stands.</summary>
    private static void Settle(Span<float> taste, ReadOnlySpan<float> previous)
    {
        if (!VectorMath.TryNormalize(taste, taste))
        {
            previous.CopyTo(taste);
        }
    }
}
