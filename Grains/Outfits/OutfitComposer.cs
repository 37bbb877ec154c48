using System.Collections.Immutable;

namespace OtMz.Grains.Outfits;

/// <summary>
/// Composes outfits from a user's own closet for a day, its weather and an occasion (docs/outfits.md). Pure: the
/// user grain passes everything in an <see cref="OutfitRequest"/> and gets values back. Only pieces that pass
/// <see cref="OutfitHardRules"/> are drawn from, and every outfit is built slot by slot so that no slot is doubled.
/// The search is a beam over bases: the best <see cref="PreselectPerSlot"/> tops, bottoms and one-pieces by their own
/// merits make the bases (every top with every bottom, and every one-piece), the best bases are kept, and each is
/// completed greedily with the outer (when the weather calls for one, or when it helps on a mild or wet day), the
/// shoes and the bag that raise its score most. The top k are then picked for diversity (<see cref="Diversity"/>).
/// Scoring is <see cref="OutfitScorer"/>'s; reasons are <see cref="OutfitReasons"/>'; completing given pieces is
/// <see cref="Complete(OutfitRequest, IReadOnlyList{OutfitPiece}, int)"/>.
/// </summary>
public static partial class OutfitComposer
{
    /// <summary>The most outfits one call returns.</summary>
    public const int MaxK = 20;

    /// <summary>Tops, bottoms and one-pieces that make bases: 24 × 24 pairs at most.</summary>
    public const int PreselectPerSlot = 24;

    public const int OuterChoices = 16;
    public const int ShoeChoices = 10;
    public const int BagChoices = 8;

    /// <summary>Bases kept for completion: at least this many, and at least four per outfit asked for.</summary>
    public const int MinBeam = 40;

    /// <summary>
    /// The diversity weight λ: a pick's score is lowered by λ × the largest share of clothing (outer, top, bottom,
    /// one-piece; Jaccard) it has in common with an outfit already picked. Besides, no two outfits share their base.
    /// </summary>
    public const float Diversity = 0.15f;

    /// <summary>The outer warmth assumed for a base that will get an outer, before it has one.</summary>
    private const float TypicalOuterWarmth = GarmentWarmth.Warm;

    /// <summary>Composes up to <see cref="OutfitRequest.K"/> outfits, best first, or none with the reason why.</summary>
    public static OutfitComposition Compose(OutfitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.K, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.K, MaxK);
        if (request.Items.Count == 0)
        {
            return OutfitComposition.Empty("The closet is empty: add a top and a bottom, or a one-piece, to get outfits.");
        }

        var temperature = request.Temperature;
        var pieces = Eligible(request.Items, temperature);
        var scorer = new OutfitScorer(request, pieces);
        var bySlot = BySlot(scorer);
        if (EmptyReasons.Of(request, bySlot) is { } reason)
        {
            return OutfitComposition.Empty(reason);
        }

        var needsOuter = temperature < OutfitRules.OuterBelowC;
        var optionalOuter = !needsOuter && (temperature < OutfitRules.HotFromC || WarmthFit.IsRainy(request.Precipitation));
        var unary = Unary(scorer, needsOuter);
        var tops = Best(bySlot[(int)GarmentSlot.Top], unary, PreselectPerSlot);
        var bottoms = Best(bySlot[(int)GarmentSlot.Bottom], unary, PreselectPerSlot);
        var onePieces = Best(bySlot[(int)GarmentSlot.OnePiece], unary, PreselectPerSlot);
        var outers = needsOuter || optionalOuter ? Best(bySlot[(int)GarmentSlot.Outer], unary, OuterChoices) : [];
        var shoes = Best(bySlot[(int)GarmentSlot.Shoes], unary, ShoeChoices);
        var bags = Best(bySlot[(int)GarmentSlot.Bag], unary, BagChoices);

        var assumedOuter = needsOuter ? TypicalOuterWarmth : 0f;
        var bases = new List<(float Score, int A, int B)>(tops.Length * bottoms.Length + onePieces.Length);
        Span<int> set = stackalloc int[2];
        foreach (var top in tops)
        {
            foreach (var bottom in bottoms)
            {
                set[0] = top;
                set[1] = bottom;
                bases.Add((scorer.Weights.Score(scorer.Terms(set, assumedOuter)), top, bottom));
            }
        }

        foreach (var onePiece in onePieces)
        {
            bases.Add((scorer.Weights.Score(scorer.Terms([onePiece], assumedOuter)), onePiece, -1));
        }

        // Piece indexes follow the ids' ordinal order, so ties break by id whatever order the closet came in.
        bases.Sort((x, y) => y.Score.CompareTo(x.Score) is var c and not 0 ? c : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var beam = Math.Min(bases.Count, Math.Max(MinBeam, 4 * request.K));
        var candidates = new List<Candidate>(beam);
        for (var i = 0; i < beam; i++)
        {
            candidates.Add(CompleteBase(scorer, bases[i].A, bases[i].B, outers, needsOuter, shoes, bags));
        }

        return new OutfitComposition(Pick(scorer, candidates, request.K), null);
    }

    /// <summary>A completed outfit: its piece indexes in slot order, its terms and its score.</summary>
    private readonly record struct Candidate(int[] Set, OutfitTerms Terms, float Score);

    /// <summary>The closet's pieces that may be worn today (all hard rules on single pieces), ordered by id.</summary>
    private static List<OutfitPiece> Eligible(IReadOnlyList<ClosetItem> items, float temperature)
    {
        var pieces = new List<OutfitPiece>(items.Count);
        foreach (var item in items)
        {
            // Accessories are any number and never needed; the composer leaves them to the user.
            if (item.Slot is null or GarmentSlot.Accessory)
            {
                continue;
            }

            var piece = OutfitPiece.FromItem(item);
            if (OutfitHardRules.PieceProblem(piece, temperature) is null && (piece.Slot != GarmentSlot.Outer || !TooLightOuter(piece, temperature)))
            {
                pieces.Add(piece);
            }
        }

        pieces.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return pieces;
    }

    /// <summary>Below freezing only a heavy outer may be worn, and an outfit has one outer at most, so lighter ones are out.</summary>
    internal static bool TooLightOuter(OutfitPiece outer, float temperature) =>
        temperature < OutfitRules.HeavyOuterBelowC && !OutfitHardRules.IsHeavyOuter(outer);

    private static List<int>[] BySlot(OutfitScorer scorer)
    {
        var bySlot = Enum.GetValues<GarmentSlot>().Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < scorer.Pieces.Length; i++)
        {
            bySlot[(int)scorer.Pieces[i].Slot].Add(i);
        }

        return bySlot;
    }

    /// <summary>
    /// Each piece's own merit, for choosing which pieces make bases: the weighted taste, occasion, freshness and
    /// colour affinity terms, and how its warmth suits the share of the day's target its slot usually carries.
    /// </summary>
    private static float[] Unary(OutfitScorer scorer, bool needsOuter)
    {
        var w = scorer.Weights;
        var target = WarmthFit.Target(scorer.Temperature, scorer.Precipitation);
        var outerShare = needsOuter ? TypicalOuterWarmth : 0f;
        var unary = new float[scorer.Pieces.Length];
        for (var i = 0; i < unary.Length; i++)
        {
            var p = scorer.Pieces[i];
            var warmth = p.Source.Warmth;
            var fit = p.Slot switch
            {
                GarmentSlot.Top or GarmentSlot.Bottom => WarmthFit.LayerFit(warmth, MathF.Max(0, (target - outerShare) / 2)),
                GarmentSlot.OnePiece => WarmthFit.LayerFit(2 * warmth, MathF.Max(0, target - outerShare)),
                GarmentSlot.Outer => WarmthFit.LayerFit(warmth, MathF.Max(0, target - 2 * GarmentWarmth.Medium)),
                GarmentSlot.Shoes => 1f - MathF.Abs(warmth - WarmthFit.ShoeTarget(scorer.Temperature)) / GarmentWarmth.Heavy,
                _ => 1f,
            };

            unary[i] = w.Taste * p.TasteCos + w.Occasion * p.OccasionAffinity + w.Fresh * p.Fresh + w.Weather * fit + w.Colour * p.Affinity;
        }

        return unary;
    }

    /// <summary>The <paramref name="count"/> pieces of <paramref name="slot"/> with the highest unary merit (ties by id).</summary>
    private static int[] Best(List<int> slot, float[] unary, int count)
    {
        var ordered = slot.ToArray();
        Array.Sort(ordered, (a, b) => unary[b].CompareTo(unary[a]) is var c and not 0 ? c : a.CompareTo(b));
        return ordered.Length > count ? ordered[..count] : ordered;
    }

    /// <summary>Completes a base (a top and bottom, or a one-piece when <paramref name="b"/> is −1) with its best outer, shoes and bag.</summary>
    private static Candidate CompleteBase(OutfitScorer scorer, int a, int b, int[] outers, bool needsOuter, int[] shoes, int[] bags)
    {
        Span<int> set = stackalloc int[5];
        var n = 0;
        set[n++] = a;
        if (b >= 0)
        {
            set[n++] = b;
        }

        var outer = BestAddition(scorer, set, ref n, outers, required: needsOuter);
        var shoe = BestAddition(scorer, set, ref n, shoes, required: true);
        var bag = BestAddition(scorer, set, ref n, bags, required: true);

        // Slot order: outer, top, bottom or one-piece, shoes, bag.
        var ordered = new int[n];
        var k = 0;
        if (outer >= 0)
        {
            ordered[k++] = outer;
        }

        ordered[k++] = a;
        if (b >= 0)
        {
            ordered[k++] = b;
        }

        if (shoe >= 0)
        {
            ordered[k++] = shoe;
        }

        if (bag >= 0)
        {
            ordered[k] = bag;
        }

        var terms = scorer.Terms(ordered);
        return new Candidate(ordered, terms, scorer.Weights.Score(terms));
    }

    /// <summary>
    /// Adds to <paramref name="set"/> the option that scores best with it, or nothing when nothing is offered or (if
    /// not <paramref name="required"/>) when going without scores better; returns the piece added or −1.
    /// </summary>
    private static int BestAddition(OutfitScorer scorer, Span<int> set, ref int n, int[] options, bool required)
    {
        if (options.Length == 0)
        {
            return -1;
        }

        var best = -1;
        var bestScore = required ? float.NegativeInfinity : scorer.Weights.Score(scorer.Terms(set[..n]));
        foreach (var option in options)
        {
            set[n] = option;
            var score = scorer.Weights.Score(scorer.Terms(set[..(n + 1)]));
            if (score > bestScore)
            {
                (best, bestScore) = (option, score);
            }
        }

        if (best >= 0)
        {
            set[n++] = best;
        }

        return best;
    }

    /// <summary>
    /// The top <paramref name="k"/> by score, each lowered by <see cref="Diversity"/> × its largest clothing overlap with
    /// the outfits already picked (maximal marginal relevance); ties by the pieces' ids.
    /// </summary>
    private static ImmutableArray<ComposedOutfit> Pick(OutfitScorer scorer, List<Candidate> candidates, int k)
    {
        var baseline = OutfitReasons.Means(candidates.Select(c => c.Terms));
        var picked = new List<Candidate>(k);
        var taken = new bool[candidates.Count];
        while (picked.Count < k)
        {
            var best = -1;
            var bestValue = float.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                var overlap = 0f;
                foreach (var p in picked)
                {
                    overlap = MathF.Max(overlap, ClothingOverlap(scorer, candidates[i].Set, p.Set));
                }

                var value = candidates[i].Score - Diversity * overlap;
                if (value > bestValue || (value == bestValue && best >= 0 && Precedes(candidates[i].Set, candidates[best].Set)))
                {
                    (best, bestValue) = (i, value);
                }
            }

            if (best < 0)
            {
                break;
            }

            taken[best] = true;
            picked.Add(candidates[best]);
        }

        return [.. picked.Select(c => ToOutfit(scorer, c, baseline))];
    }

    private static ComposedOutfit ToOutfit(OutfitScorer scorer, Candidate candidate, OutfitTerms baseline)
    {
        var items = candidate.Set.Select(i => scorer.Pieces[i].Source.Item!).ToImmutableArray();
        return new ComposedOutfit(
            OutfitId.Of(items.Select(i => i.Id)),
            items,
            candidate.Score,
            candidate.Terms,
            OutfitReasons.Explain(scorer, candidate.Set, candidate.Terms, baseline));
    }

    /// <summary>The Jaccard overlap of two outfits' clothing (outer, top, bottom, one-piece); shoes and bags are few and repeat.</summary>
    private static float ClothingOverlap(OutfitScorer scorer, int[] a, int[] b)
    {
        var shared = 0;
        var sizeA = 0;
        var sizeB = 0;
        foreach (var i in a)
        {
            if (IsClothing(scorer.Pieces[i].Slot))
            {
                sizeA++;
                shared += Array.IndexOf(b, i) >= 0 ? 1 : 0;
            }
        }

        foreach (var j in b)
        {
            sizeB += IsClothing(scorer.Pieces[j].Slot) ? 1 : 0;
        }

        var union = sizeA + sizeB - shared;
        return union > 0 ? shared / (float)union : 0f;
    }

    private static bool IsClothing(GarmentSlot slot) => slot is GarmentSlot.Outer or GarmentSlot.Top or GarmentSlot.Bottom or GarmentSlot.OnePiece;

    /// <summary>Whether <paramref name="a"/> sorts before <paramref name="b"/> by piece index (id order), element by element.</summary>
    private static bool Precedes(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i];
            }
        }

        return a.Length < b.Length;
    }
}
