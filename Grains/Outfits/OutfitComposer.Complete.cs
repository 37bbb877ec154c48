using System.Collections.Immutable;

namespace OtMz.Grains.Outfits;

// "Complete this outfit": the missing slots around pieces the user chose, scored by the same terms as Compose.
public static partial class OutfitComposer
{
    /// <summary>Suggestions kept per missing slot unless the caller asks for another number.</summary>
    public const int DefaultPerSlot = 3;

    /// <summary>
    /// Suggests pieces from the closet (<see cref="OutfitRequest.Items"/>, the fixed ones aside) for the slots that
    /// <paramref name="fixedPieces"/> leave open, best first, up to <paramref name="perSlot"/> per slot, each with its
    /// reasons. See <see cref="Complete(OutfitRequest, IReadOnlyList{OutfitPiece}, IReadOnlyList{OutfitPiece}, int)"/>.
    /// </summary>
    public static OutfitCompletion Complete(OutfitRequest request, IReadOnlyList<OutfitPiece> fixedPieces, int perSlot = DefaultPerSlot)
    {
        ArgumentNullException.ThrowIfNull(request);
        var candidates = request.Items.Where(i => i.Slot is not null and not GarmentSlot.Accessory).Select(OutfitPiece.FromItem).ToList();
        return Complete(request, fixedPieces, candidates, perSlot);
    }

    /// <summary>
    /// Suggests, for each slot <paramref name="fixedPieces"/> leave open, the <paramref name="candidates"/> that make
    /// the best outfit with them, best first, up to <paramref name="perSlot"/> per slot. Open slots: the bottom for a
    /// top, the top for a bottom, and all three of top, bottom and one-piece when neither a top, a bottom nor a one-piece is
    /// fixed; the outer when the day needs one, or on a mild (below <see cref="OutfitRules.HotFromC"/>) or wet day; shoes and a
    /// bag. Candidates obey the hard rules on single pieces (available, no summer-only piece in the cold, a heavy
    /// outer below freezing); the fixed pieces are the user's own choice and only their slots are checked: a doubled
    /// slot, or a one-piece with a top or a bottom, is a <see cref="OutfitCompletion.Problem"/>. The candidates may be
    /// catalog garments (<see cref="OutfitPiece.FromGarment"/>) as well as closet items; a candidate with a fixed
    /// piece's id is skipped.
    /// </summary>
    public static OutfitCompletion Complete(OutfitRequest request, IReadOnlyList<OutfitPiece> fixedPieces, IReadOnlyList<OutfitPiece> candidates, int perSlot = DefaultPerSlot)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fixedPieces);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSlot, 1);
        if (fixedPieces.Count == 0)
        {
            return new OutfitCompletion([], "Give at least one piece to complete.");
        }

        if (FixedProblem(fixedPieces) is { } problem)
        {
            return new OutfitCompletion([], problem);
        }

        var temperature = request.Temperature;
        var open = OpenSlots(fixedPieces, temperature, request.Precipitation);
        var fixedIds = fixedPieces.Where(p => p.Id is not null).Select(p => p.Id!).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var usable = candidates
            .Where(c => open.Contains(c.Slot) && (c.Id is null || !fixedIds.Contains(c.Id)))
            .Where(c => OutfitHardRules.PieceProblem(c, temperature) is null && (c.Slot != GarmentSlot.Outer || !TooLightOuter(c, temperature)))
            .Where(c => c.Id is null || seen.Add(c.Id))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();

        var scorer = new OutfitScorer(request, [.. fixedPieces, .. usable]);
        var outerComing = temperature < OutfitRules.OuterBelowC && !fixedPieces.Any(p => p.Slot == GarmentSlot.Outer);
        var slots = ImmutableArray.CreateBuilder<SlotSuggestions>(open.Count);
        Span<int> set = stackalloc int[fixedPieces.Count + 1];
        for (var f = 0; f < fixedPieces.Count; f++)
        {
            set[f] = f;
        }

        foreach (var slot in open)
        {
            var scored = new List<(int Index, OutfitTerms Terms, float Score)>();
            for (var c = fixedPieces.Count; c < scorer.Pieces.Length; c++)
            {
                if (scorer.Pieces[c].Slot != slot)
                {
                    continue;
                }

                set[^1] = c;
                var terms = scorer.Terms(set, slot == GarmentSlot.Outer || !outerComing ? 0f : TypicalOuterWarmth);
                scored.Add((c, terms, scorer.Weights.Score(terms)));
            }

            if (scored.Count == 0)
            {
                slots.Add(new SlotSuggestions(slot, [], EmptyReasons.NothingFor(request, slot, temperature)));
                continue;
            }

            var baseline = OutfitReasons.Means(scored.Select(s => s.Terms));
            scored.Sort((x, y) => y.Score.CompareTo(x.Score) is var order and not 0 ? order : x.Index.CompareTo(y.Index));
            var suggestions = ImmutableArray.CreateBuilder<SlotSuggestion>(Math.Min(perSlot, scored.Count));
            foreach (var (index, terms, score) in scored.Take(perSlot))
            {
                set[^1] = index;
                suggestions.Add(new SlotSuggestion(scorer.Pieces[index].Source, score, terms, OutfitReasons.Explain(scorer, set, terms, baseline)));
            }

            slots.Add(new SlotSuggestions(slot, suggestions.MoveToImmutable(), null));
        }

        return new OutfitCompletion(slots.MoveToImmutable(), null);
    }

    /// <summary>
    /// The score and terms of an outfit of <paramref name="pieces"/> in the request's context, whatever its slots: for
    /// a liked outfit that is no longer in the offered list (<see cref="ComposerWeights.Update"/>), or for benchmarks.
    /// </summary>
    public static (float Score, OutfitTerms Terms) Evaluate(OutfitRequest request, IReadOnlyList<OutfitPiece> pieces)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scorer = new OutfitScorer(request, pieces);
        Span<int> set = stackalloc int[pieces.Count];
        for (var i = 0; i < set.Length; i++)
        {
            set[i] = i;
        }

        var terms = scorer.Terms(set);
        return (scorer.Weights.Score(terms), terms);
    }

    private static string? FixedProblem(IReadOnlyList<OutfitPiece> pieces)
    {
        foreach (var slot in new[] { GarmentSlot.Outer, GarmentSlot.Top, GarmentSlot.Bottom, GarmentSlot.OnePiece, GarmentSlot.Shoes, GarmentSlot.Bag })
        {
            if (pieces.Count(p => p.Slot == slot) > 1)
            {
                // The slot rule's own words, for the doubled slot alone.
                return OutfitRules.SlotProblem([slot, slot]);
            }
        }

        var onePiece = pieces.Any(p => p.Slot == GarmentSlot.OnePiece);
        return onePiece && pieces.Any(p => p.Slot is GarmentSlot.Top or GarmentSlot.Bottom)
            ? OutfitRules.SlotProblem([GarmentSlot.OnePiece, GarmentSlot.Top, GarmentSlot.Bottom])
            : null;
    }

    private static List<GarmentSlot> OpenSlots(IReadOnlyList<OutfitPiece> pieces, float temperature, float precipitation)
    {
        bool Has(GarmentSlot slot) => pieces.Any(p => p.Slot == slot);
        var open = new List<GarmentSlot>();
        var outerWanted = temperature < OutfitRules.HotFromC || WarmthFit.IsRainy(precipitation);
        if (!Has(GarmentSlot.Outer) && outerWanted)
        {
            open.Add(GarmentSlot.Outer);
        }

        if (!Has(GarmentSlot.OnePiece))
        {
            var top = Has(GarmentSlot.Top);
            var bottom = Has(GarmentSlot.Bottom);
            if (!top)
            {
                open.Add(GarmentSlot.Top);
            }

            if (!bottom)
            {
                open.Add(GarmentSlot.Bottom);
            }

            if (!top && !bottom)
            {
                open.Add(GarmentSlot.OnePiece);
            }
        }

        foreach (var slot in new[] { GarmentSlot.Shoes, GarmentSlot.Bag })
        {
            if (!Has(slot))
            {
                open.Add(slot);
            }
        }

        return open;
    }
}
