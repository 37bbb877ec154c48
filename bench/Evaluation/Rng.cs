namespace OtMz.Evaluation;

/// <summary>
/// SplitMix64 numbers whose stream depends only on the keys it was made from, so every draw of the harness (a
/// user's tastes, a reaction to one look in one round) is reproducible on its own, whatever order users run in.
/// </summary>
public struct Rng
{
    private ulong _state;

    public Rng(params ReadOnlySpan<long> keys)
    {
        var state = 0x243F6A8885A308D3UL;
        foreach (var key in keys)
        {
            state = Mix(state ^ (ulong)key) + 0x9E3779B97F4A7C15UL;
        }

        _state = state;
    }

    public ulong NextULong() => Mix(_state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public float NextFloat(float min, float max) => min + (max - min) * (float)NextDouble();

    public int NextInt(int exclusiveMax) => (int)((NextULong() >> 33) % (ulong)exclusiveMax);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>An index drawn in proportion to <paramref name="weights"/> (non-negative, not all zero).</summary>
    public int PickWeighted(ReadOnlySpan<float> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var roll = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
