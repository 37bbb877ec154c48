using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.Intrinsics;

namespace OtMz.Grains.Ranking;

/// <summary>
/// Re-ranks the shards' candidates with the soft terms, greedily with maximal marginal relevance:
/// score = cos(t, look) + weather fit + colour affinity · palette + closet style · look + usual occasion − seen
/// + liked + engagement − diversity,
/// keeping a share of the places for looks the user has never seen (<see cref="RankingOptions.FreshShare"/>), and
/// explains each pick with the terms that moved it materially (<c>LookRanker.Reasons.cs</c>). Seen looks the user
/// passed over are pushed down; the ones they liked stay within reach and the ones they studied longest come back
/// first, so a list mixes proven favourites with new looks instead of only ever showing new ones.
/// </summary>
/// <remarks>
/// A term is named only if it moved the look at least <see cref="MaterialPlaces"/> places, or as far as the look
/// could go (to the top, or below every candidate left): a place is what a user sees, and a term that moves a look
/// one or two places among near-equal scores explains nothing. The move is counted against the look's neighbours
/// at the steps that decided its place: the <see cref="Horizon"/> best candidates it beat when it was picked, and
/// the <see cref="Horizon"/> picks just above it (not those of steps kept for never-seen looks, if it was seen).
/// Weather, colour, closet, occasion, seen, liked, engagement and diversity are the context's, applied to every
/// candidate, so each is taken out of the neighbours' scores too: a term every neighbour shares (mild weather that
/// suits them all, the penalty every near-duplicate pays) reorders nothing and is not named, and a term must differ
/// between two looks by more than <see cref="Tie"/> to count. The taste match is the base term the shards chose the candidates
/// by; its styles' shares of the cosine are judged as the look's own, taken out of its score alone, so a look names
/// the styles that got it its place. Counting against the neighbours at each step costs a few comparisons per term
/// and no re-ranking, and depends only on the steps up to the look's, so a look's reasons are the same whether 20
/// or 50 looks were asked for, as the user grain's cache needs. Each look keeps the <see cref="MaxShownReasons"/>
/// that moved it most, ties by the size of the term.
/// </remarks>
public static partial class LookRanker
{
    /// <summary>Floats per candidate in the ranker's unit array: the 23 styles and zeros up to whole 256-bit vectors.</summary>
    private const int Stride = (StyleTaxonomy.Count + 7) / 8 * 8;

    public static ImmutableArray<RecommendedLook> Rank(IReadOnlyList<ShardHit> candidates, RankingContext context, int k, RankingOptions options)
    {
        // The candidates' unit style vectors side by side in one array, each padded with zeros to a whole number of
        // SIMD registers: the diversity term takes one dot product per remaining candidate and pick. The scratch
        // arrays are rented: at 150 candidates they are about 20 KB per recompute, most of what ranking allocated;
        // the picks, with the runners-up their reasons are judged against, about 6 KB for 20 looks.
        var units = ArrayPool<float>.Shared.Rent(candidates.Count * Stride);
        var pool = ArrayPool<Candidate>.Shared.Rent(candidates.Count);
        var chosen = ArrayPool<Pick>.Shared.Rent(Math.Min(k, candidates.Count));
        try
        {
            return Rank(candidates, context, k, options, units, pool, chosen.AsSpan(0, Math.Min(k, candidates.Count)));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(units);
            ArrayPool<Candidate>.Shared.Return(pool, clearArray: true);
            ArrayPool<Pick>.Shared.Return(chosen, clearArray: true);
        }
    }

    private static ImmutableArray<RecommendedLook> Rank(IReadOnlyList<ShardHit> candidates, RankingContext context, int k, RankingOptions options, float[] units, Candidate[] pool, Span<Pick> chosen)
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

        // Every prefix of n places holds at least ⌊share·n⌋ never-seen looks when there are any, so the fresh looks are
        // spread through the list and the first k of a longer list are exactly the list of k.
        var share = Math.Clamp(options.FreshShare, 0f, 1f);
        var freshChosen = 0;
        for (var n = 0; n < chosen.Length; n++)
        {
            var freshOnly = freshChosen < (int)MathF.Floor(share * (n + 1) + 1e-4f);
            var bestIndex = -1;
            var bestFinal = float.NegativeInfinity;
            var fallbackIndex = -1;
            var fallbackFinal = float.NegativeInfinity;
            // The best candidates that could be picked at this step, and those held back for the fresh share.
            var contest = default(Contest);
            var fallbackContest = default(Contest);
            for (var i = 0; i < left; i++)
            {
                var final = pool[i].Base - options.DiversityWeight * closest[i];
                if (freshOnly && !pool[i].Fresh)
                {
                    fallbackContest.Offer(final, i);
                    if (Ahead(pool, i, final, fallbackIndex, fallbackFinal))
                    {
                        (fallbackIndex, fallbackFinal) = (i, final);
                    }

                    continue;
                }

                contest.Offer(final, i);
                if (Ahead(pool, i, final, bestIndex, bestFinal))
                {
                    (bestIndex, bestFinal) = (i, final);
                }
            }

            var restricted = freshOnly && bestIndex >= 0;
            if (bestIndex < 0)
            {
                (bestIndex, bestFinal, contest) = (fallbackIndex, fallbackFinal, fallbackContest);
            }

            if (pool[bestIndex].Fresh)
            {
                freshChosen++;
            }

            var pick = pool[bestIndex];
            chosen[n] = new Pick(pick, bestFinal, options.DiversityWeight * closest[bestIndex], restricted, contest.Beaten(bestIndex, pool));
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
        Span<Reason> reasons = new Reason[MaxReasons];
        Span<int> effects = stackalloc int[MaxReasons];
        for (var i = 0; i < ranked.Length; i++)
        {
            var count = Explain(chosen, i, candidates.Count, units, unitTaste, options.DiversityWeight, context, temperature, reasons, effects);
            ranked[i] = new RecommendedLook(chosen[i].Candidate.Hit.Look, chosen[i].Final, ImmutableArray.Create<Reason>(reasons[..count]));
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(ranked);
    }

    /// <summary>Whether candidate <paramref name="i"/> beats the best so far (none when <paramref name="best"/> is −1); equal scores go to the smaller id.</summary>
    private static bool Ahead(Candidate[] pool, int i, float final, int best, float bestFinal) =>
        best < 0 || final > bestFinal || (final == bestFinal && string.CompareOrdinal(pool[i].Hit.Look.Id, pool[best].Hit.Look.Id) < 0);

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

    /// <summary>A scored candidate; <see cref="Unit"/> is where its unit vector starts in the ranker's array.</summary>
    private readonly record struct Candidate(ShardHit Hit, int Unit, float Base, float Weather, float Colour, float Closet, float Occasion, float Seen, float Liked, float Engaged, bool Fresh);
}
