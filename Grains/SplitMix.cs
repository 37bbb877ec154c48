using System.Diagnostics.CodeAnalysis;

namespace OtMz.Grains;

/// <summary>
/// SplitMix64: a tiny, fast, platform-independent random stream, the one the platform's seeded work draws from.
/// Each demo look, rendered picture and training run has its own stream keyed by (seed, index) or (seed, index,
/// purpose), so work can run in parallel and still repeat exactly. (seed, index) packs injectively into 64 bits and
/// the finaliser is a bijection, so no two indices of one seed share a starting point.
/// </summary>
internal struct SplitMix
{
    private ulong _state;

    public SplitMix(int seed, int index) => _state = Mix(((ulong)(uint)seed << 32) | (uint)index);

    public SplitMix(int seed, int index, int purpose) =>
        _state = Mix(((ulong)(uint)seed << 32) | (uint)index) ^ Mix(0x5851F42D4C957F2DUL * (ulong)(uint)(purpose + 1));

    private SplitMix(ulong state) => _state = state;

    /// <summary>A stream that starts from a raw state, for callers that key it themselves.</summary>
    public static SplitMix FromState(ulong state) => new(state);

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

        public T Pick<T>(T[] items) => items[NextInt(items.Length)];

        /// <summary>Earlier entries are likelier: entry r of n has weight n − r.</summary>
        public T PickRanked<T>(T[] items)
        {
            var n = items.Length;
            var ticket = NextInt(n * (n + 1) / 2);
            for (var r = 0; r < n; r++)
            {
                ticket -= n - r;
                if (ticket < 0)
                {
                    return items[r];
                }
            }

            return items[n - 1];
        }

        /// <summary>
        /// <see cref="PickRanked"/> restricted to the entries in neither exclusion list (a conditional draw by
        /// rejection); false when every entry is excluded.
        /// </summary>
        public bool TryPickRanked(string[] items, string[] excluded, string[] alsoExcluded, [NotNullWhen(true)] out string? picked)
        {
            picked = null;
            foreach (var item in items)
            {
                if (Allowed(item, excluded, alsoExcluded))
                {
                    do
                    {
                        picked = PickRanked(items);
                    }
                    while (!Allowed(picked, excluded, alsoExcluded));

                    return true;
                }
            }

            return false;
        }

        private static bool Allowed(string item, string[] excluded, string[] alsoExcluded) =>
            Array.IndexOf(excluded, item) < 0 && Array.IndexOf(alsoExcluded, item) < 0;

    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
