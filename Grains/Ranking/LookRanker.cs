using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.Intrinsics;

namespace OtMz.Grains.Ranking;

/// <summary>
/// Re-ranks the shards' candidates with the soft terms, greedily with maximal marginal relevance:
/// score = cos(t, look) + weather fit + colour affinity · palette + closet style · look + usual occasion − seen
/// + liked + engagement − diversity,
/// keeping a share of the places for looks the user has never seen (<see cref="RankingOptions.FreshShare"/>), and
/// explains every pick with the terms that made it. Seen looks the user passed over are pushed down; the ones they
/// liked stay within reach, so a list mixes proven favourites with new looks instead of only ever showing new ones.
/// </summary>
public static class LookRanker
{
    private const int StyleReasons = 3;

    /// <summary>Floats per candidate in the ranker's unit array: the 23 styles and zeros up to whole 256-bit vectors.</summary>
    private const int Stride = (StyleTaxonomy.Count + 7) / 8 * 8;

    private static readonly string[] StyleTexts = StyleShares.Texts(key => $"Matches your {key} taste");
    private static readonly string[] ColourKeys = [.. Enum.GetValues<Colour>().Select(c => c.ToString().ToLowerInvariant())];
    private static readonly string[] OccasionKeys = [.. Enum.GetValues<Occasion>().Select(o => o.ToString().ToLowerInvariant())];

    // The reasons' fixed texts, written once: a user's latest list lives until their next signal, so every string
    // a recompute makes for it outlasts a young-generation collection and is copied by the GC.
    private static readonly string[] ColourTexts = [.. ColourKeys.Select(key => $"In colours you pick, such as {key}")];
    private static readonly string[] ClosetTexts = StyleShares.Texts(key => $"Goes with the {key} pieces in your closet");
    private static readonly string[] OccasionTexts = [.. OccasionKeys.Select(key => $"Suits your usual occasion: {key}")];

    /// <summary>The most reasons one look can have: its top styles and one for each other term.</summary>
    private const int MaxReasons = StyleReasons + 8;

    public static ImmutableArray<RecommendedLook> Rank(IReadOnlyList<ShardHit> candidates, RankingContext context, int k, RankingOptions options)
    {
        // The candidates' unit style vectors side by side in one array, each padded with zeros to a whole number of
        // SIMD registers: the diversity term takes one dot product per remaining candidate and pick. Both scratch
        // arrays are rented: at 150 candidates they are about 20 KB per recompute, most of what ranking allocated.
        var units = ArrayPool<float>.Shared.Rent(candidates.Count * Stride);
        var pool = ArrayPool<Candidate>.Shared.Rent(candidates.Count);
        try
        {
            return Rank(candidates, context, k, options, units, pool);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(units);
            ArrayPool<Candidate>.Shared.Return(pool, clearArray: true);
        }
    }

    private static ImmutableArray<RecommendedLook> Rank(IReadOnlyList<ShardHit> candidates, RankingContext context, int k, RankingOptions options, float[] units, Candidate[] pool)
    {
        var colourMax = MaxOf(context.ColourAffinity);
        for (var i = 0; i < candidates.Count; i++)
        {
            var padded = units.AsSpan(i * Stride, Stride);
            padded[StyleTaxonomy.Count..].Clear();
            var unit = padded[..StyleTaxonomy.Count];
            VectorMath.TryNormalize(candidates[i].Look.StyleVector.Values, unit);
            pool[i] = Score(candidates[i], i * Stride, unit, context, colourMax, options);
        }

        var unitTaste = VectorMath.Normalized(context.Taste);
        var temperature = context.TemperatureC is { } t ? t.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : null;
        // The closest chosen look's similarity per remaining candidate; the remaining ones are the first `left`
        // of the pool, a pick is swapped out to the end (ties are broken by id, so the order does not matter).
        var closest = new float[candidates.Count];
        var left = candidates.Count;
        var chosen = new (Candidate Candidate, float Final, float Penalty)[Math.Min(k, candidates.Count)];

        // Every prefix of n places holds at least ⌊share·n⌋ never-seen looks when there are any, so the fresh looks are
        // spread through the list and the first k of a longer list are exactly the list of k.
        var share = Math.Clamp(options.FreshShare, 0f, 1f);
        var freshChosen = 0;
        for (var n = 0; n < chosen.Length; n++)
        {
            var freshOnly = freshChosen < (int)MathF.Floor(share * (n + 1) + 1e-4f);
            var bestIndex = -1;
            var bestFinal = float.NegativeInfinity;
            var fallbackIndex = 0;
            var fallbackFinal = float.NegativeInfinity;
            for (var i = 0; i < left; i++)
            {
                var final = pool[i].Base - options.DiversityWeight * closest[i];
                if (freshOnly && !pool[i].Fresh)
                {
                    if (final > fallbackFinal || (final == fallbackFinal && string.CompareOrdinal(pool[i].Hit.Look.Id, pool[fallbackIndex].Hit.Look.Id) < 0))
                    {
                        (fallbackIndex, fallbackFinal) = (i, final);
                    }

                    continue;
                }

                if (bestIndex < 0 || final > bestFinal || (final == bestFinal && string.CompareOrdinal(pool[i].Hit.Look.Id, pool[bestIndex].Hit.Look.Id) < 0))
                {
                    (bestIndex, bestFinal) = (i, final);
                }
            }

            if (bestIndex < 0)
            {
                (bestIndex, bestFinal) = (fallbackIndex, fallbackFinal);
            }

            if (pool[bestIndex].Fresh)
            {
                freshChosen++;
            }

            var pick = pool[bestIndex];
            chosen[n] = (pick, bestFinal, options.DiversityWeight * closest[bestIndex]);
            left--;
            (pool[bestIndex], closest[bestIndex]) = (pool[left], closest[left]);

            // Maximal marginal relevance: each remaining candidate is penalised by its closest chosen look.
            var picked = units.AsSpan(pick.Unit, Stride);
            for (var i = 0; i < left; i++)
            {
                closest[i] = MathF.Max(closest[i], PaddedDot(units.AsSpan(pool[i].Unit, Stride), picked));
            }
        }

        var ranked = new RecommendedLook[chosen.Length];
        var reasons = new Reason[MaxReasons];
        for (var i = 0; i < ranked.Length; i++)
        {
            var (candidate, final, penalty) = chosen[i];
            var count = Explain(candidate, units.AsSpan(candidate.Unit, StyleTaxonomy.Count), penalty, unitTaste, context, temperature, reasons);
            ranked[i] = new RecommendedLook(candidate.Hit.Look, final, ImmutableArray.Create(reasons.AsSpan(0, count)));
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(ranked);
    }

    /// <summary>The dot product of two zero-padded unit vectors of <see cref="Stride"/> floats.</summary>
    private static float PaddedDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return VectorMath.Dot(a, b);
        }

        var sum = Vector256.Create(a) * Vector256.Create(b);
        for (var i = Vector256<float>.Count; i < Stride; i += Vector256<float>.Count)
        {
            sum += Vector256.Create(a[i..]) * Vector256.Create(b[i..]);
        }

        return Vector256.Sum(sum);
    }

    /// <summary>1 inside the look's comfortable range, falling off exponentially outside it.</summary>
    public static float WeatherFit(float temperatureC, Look look, float toleranceC)
    {
        var distance = temperatureC < look.MinTempC ? look.MinTempC - temperatureC
            : temperatureC > look.MaxTempC ? temperatureC - look.MaxTempC
            : 0f;
        return MathF.Exp(-distance / MathF.Max(0.1f, toleranceC));
    }

    /// <summary>How much the look's palette is made of the colours the user favours, in [0, 1].</summary>
    public static float ColourMatch(ReadOnlySpan<float> affinity, Look look) => ColourMatch(affinity, MaxOf(affinity), look);

    private static float ColourMatch(ReadOnlySpan<float> affinity, float max, Look look)
    {
        if (max <= 0)
        {
            return 0;
        }

        var match = 0f;
        foreach (var entry in look.Palette)
        {
            match += entry.Weight * affinity[(int)entry.Colour] / max;
        }

        return Math.Clamp(match, 0f, 1f);
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var v in values)
        {
            max = MathF.Max(max, v);
        }

        return max;
    }

    private static Candidate Score(ShardHit hit, int offset, ReadOnlySpan<float> unit, RankingContext context, float colourMax, RankingOptions options)
    {
        var look = hit.Look;
        var weather = context.TemperatureC is { } t
            ? options.WeatherWeight * (2 * WeatherFit(t, look, options.WeatherToleranceC) - 1)
            : 0f;
        var colour = options.ColourWeight * ColourMatch(context.ColourAffinity, colourMax, look);
        var closet = context.ClosetStyle is { } c ? options.ClosetWeight * VectorMath.Dot(c, unit) : 0f;
        var occasion = context.UsualOccasion is { } o && look.Occasions.Contains(o) ? options.OccasionWeight : 0f;
        var wasSeen = context.IsSeen(look.Id);
        var liked = context.IsLiked?.Invoke(look.Id) == true;
        var seen = wasSeen && !(options.SpareLiked && liked) ? options.SeenPenalty : 0f;
        var favourite = liked ? options.LikedBonus : 0f;
        var engaged = options.EngagementWeight * (context.Engagement?.Invoke(look.Id) ?? 0f);
        return new Candidate(hit, offset, hit.Cosine + weather + colour + closet + occasion - seen + favourite + engaged,
            weather, colour, closet, occasion, seen, favourite, engaged, !wasSeen);
    }

    /// <summary>Writes the pick's reasons into <paramref name="reasons"/> (room for <see cref="MaxReasons"/>) and returns how many.</summary>
    private static int Explain(Candidate c, ReadOnlySpan<float> unit, float diversityPenalty, float[] taste, RankingContext context, string? temperature, Reason[] reasons)
    {
        var count = 0;

        Span<int> top = stackalloc int[StyleReasons];
        var found = StyleShares.Top(taste, unit, 0.01f, top);
        for (var n = 0; n < found; n++)
        {
            var index = top[n];
            reasons[count++] = new Reason("style", StyleTaxonomy.KeyOf(index), taste[index] * unit[index], StyleTexts[index]);
        }

        var look = c.Hit.Look;
        if (c.Weather != 0 && temperature is not null)
        {
            reasons[count++] = new Reason("weather", null, c.Weather, c.Weather > 0
                ? $"Comfortable at {temperature}°C (made for {look.MinTempC}–{look.MaxTempC}°C)"
                : $"Less suited to {temperature}°C (made for {look.MinTempC}–{look.MaxTempC}°C)");
        }

        if (c.Colour > 0.005f)
        {
            var best = look.Palette[0];
            foreach (var entry in look.Palette)
            {
                if (context.ColourAffinity[(int)entry.Colour] * entry.Weight > context.ColourAffinity[(int)best.Colour] * best.Weight)
                {
                    best = entry;
                }
            }

            reasons[count++] = new Reason("colour", ColourKeys[(int)best.Colour], c.Colour, ColourTexts[(int)best.Colour]);
        }

        if (c.Closet > 0.01f && context.ClosetStyle is { } closet)
        {
            var shared = 0;
            for (var i = 1; i < StyleTaxonomy.Count; i++)
            {
                if (closet[i] * unit[i] > closet[shared] * unit[shared])
                {
                    shared = i;
                }
            }

            reasons[count++] = new Reason("closet", StyleTaxonomy.KeyOf(shared), c.Closet, ClosetTexts[shared]);
        }

        if (c.Occasion > 0 && context.UsualOccasion is { } o)
        {
            reasons[count++] = new Reason("occasion", OccasionKeys[(int)o], c.Occasion, OccasionTexts[(int)o]);
        }

        if (c.Seen > 0)
        {
            reasons[count++] = new Reason("seen", null, -c.Seen, "You have seen this look before");
        }

        if (c.Liked > 0)
        {
            reasons[count++] = new Reason("liked", null, c.Liked, "You liked this look");
        }

        if (c.Engaged > 0.01f)
        {
            reasons[count++] = new Reason("engaged", null, c.Engaged, "You spent a while on this look");
        }

        if (diversityPenalty > 0.05f)
        {
            reasons[count++] = new Reason("diversity", null, -diversityPenalty, "Ranked lower to keep the list varied");
        }

        return count;
    }

    /// <summary>A scored candidate; <see cref="Unit"/> is where its unit vector starts in the ranker's array.</summary>
    private readonly record struct Candidate(ShardHit Hit, int Unit, float Base, float Weather, float Colour, float Closet, float Occasion, float Seen, float Liked, float Engaged, bool Fresh);
}
