namespace OtMz.Grains.Vision.Training;

/// <summary>
/// SplitMix64: a tiny, fast, platform-independent random stream. Every rendered picture and every training run
/// draws from its own stream keyed by (seed, index, purpose), so work can run in parallel and still repeat exactly.
/// </summary>
internal struct SplitMix
{
    private ulong _state;

    public SplitMix(int seed, int index, int purpose) =>
        _state = Mix(((ulong)(uint)seed << 32) | (uint)index) ^ Mix(0x5851F42D4C957F2DUL * (ulong)(uint)(purpose + 1));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextULong() => Mix(_state += 0x9E3779B97F4A7C15UL);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public float NextFloat(float min, float max) => min + (max - min) * (float)NextDouble();

    public int NextInt(int exclusiveMax) => (int)(((NextULong() >> 32) * (ulong)exclusiveMax) >> 32);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A normal deviate (Box–Muller), for weight initialisation.</summary>
    public float NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public int PickWeighted(ReadOnlySpan<float> weights)
    {
        var total = 0f;
        foreach (var w in weights)
        {
            total += w;
        }

        var ticket = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            ticket -= weights[i];
            if (ticket < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
