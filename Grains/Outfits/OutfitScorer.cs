namespace OtMz.Grains.Outfits;

/// <summary>
/// The composer's terms for any set of pieces, with everything that does not depend on the set worked out once:
/// each piece's unit style vector, main colours, cosine with the taste, occasion affinity and freshness, the recent
/// outfits and the liked and disliked pairs as piece indexes. <see cref="OutfitComposer"/> builds one per call over
/// the closet (or over the fixed pieces and the candidates of a completion) and asks it for thousands of sets, so
/// <see cref="Terms"/> allocates nothing. The formulas are in docs/outfits.md, "Scoring".
/// </summary>
internal sealed class OutfitScorer
{
    /// <summary>Days after which a worn piece counts as fully fresh again.</summary>
    public const int FreshWindowDays = 14;

    /// <summary>Days over which a worn combination's repeat penalty fades to nothing.</summary>
    public const int RepeatWindowDays = 30;

    /// <summary>The share of the colour term that is the user's colour affinity, when they have one.</summary>
    public const float AffinityShare = 0.2f;

    /// <summary>Shoes and a bag are small beside the clothes: their colours count half.</summary>
    private const float AccessoryColourWeight = 0.5f;

    private static readonly int Colours = Enum.GetValues<Colour>().Length;

    public readonly Piece[] Pieces;
    public readonly float Temperature;
    public readonly float Precipitation;
    public readonly Occasion? Occasion;
    public readonly ComposerWeights Weights;
    public readonly float[]? TasteUnit;
    private readonly float[]? _affinity;
    private readonly Dictionary<long, int> _pairFeedback = [];
    private readonly (int[] Indexes, int Size, int AgeDays)[] _recent;

    public OutfitScorer(OutfitRequest request, IReadOnlyList<OutfitPiece> pieces)
    {
        Temperature = request.Temperature;
        Precipitation = request.Precipitation;
        Occasion = request.Occasion;
        Weights = request.Weights ?? ComposerWeights.Default;
        TasteUnit = request.Taste is { Length: StyleTaxonomy.Count } taste && VectorMath.Norm(taste) > 0 ? VectorMath.Normalized(taste) : null;
        _affinity = ScaledAffinity(request.ColourAffinity);

        var indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Id is { } id)
            {
                indexById.TryAdd(id, i);
            }
        }

        var lastWorn = LastWorn(request, indexById, pieces);
        Pieces = new Piece[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            Pieces[i] = Prepare(pieces[i], lastWorn[i], request.Day);
        }

        if (request.Feedback is { } feedback)
        {
            AddPairs(feedback.Liked, +1, indexById);
            AddPairs(feedback.Disliked, -1, indexById);
        }

        _recent = [.. (request.History ?? [])
            .Select(w => (Worn: w, Age: request.Day.DayNumber - w.Day.DayNumber))
            .Where(x => x.Age is >= 0 and < RepeatWindowDays && !x.Worn.ItemIds.IsDefaultOrEmpty)
            .Select(x => (Indexes(x.Worn.ItemIds, indexById), x.Worn.ItemIds.Distinct(StringComparer.Ordinal).Count(), x.Age))];
    }

    /// <summary>A piece with what the terms need of it on its own.</summary>
    public sealed class Piece(OutfitPiece source, float[] unit, Colour[] main, float[] mainWeights, float tasteCos, float occasion, float affinity, int? daysSinceWorn)
    {
        public OutfitPiece Source { get; } = source;
        public GarmentSlot Slot => Source.Slot;
        public float[] Unit { get; } = unit;
        public Colour[] Main { get; } = main;
        public float[] MainWeights { get; } = mainWeights;
        public bool Printed { get; } = source.Print is { } p && p != Print.Plain;
        public float TasteCos { get; } = tasteCos;
        public float OccasionAffinity { get; } = occasion;
        public float Affinity { get; } = affinity;
        public int? DaysSinceWorn { get; } = daysSinceWorn;
        public float Fresh { get; } = daysSinceWorn is { } d ? Math.Clamp(d / (float)FreshWindowDays, 0f, 1f) : 1f;
    }

    private Piece Prepare(OutfitPiece piece, DateOnly? lastWorn, DateOnly day)
    {
        var unit = VectorMath.Normalized(piece.Style.Values);
        Span<Colour> buffer = stackalloc Colour[ColourHarmony.MaxMainColours];
        var main = ColourHarmony.MainColours(piece.Colours, buffer).ToArray();
        var weights = new float[main.Length];
        var affinity = 0f;
        var affinityWeight = 0f;
        for (var k = 0; k < main.Length; k++)
        {
            foreach (var entry in piece.Colours)
            {
                if (entry.Colour == main[k])
                {
                    weights[k] += entry.Weight;
                }
            }

            if (_affinity is not null)
            {
                affinity += weights[k] * _affinity[(int)main[k]];
                affinityWeight += weights[k];
            }
        }

        return new Piece(
            piece,
            unit,
            main,
            weights,
            TasteUnit is null ? 0.5f : VectorMath.Dot(unit, TasteUnit),
            Occasion is { } o ? OccasionFit.Category(o, piece.Category) : OccasionFit.Neutral,
            affinityWeight > 0 ? affinity / affinityWeight : 0f,
            lastWorn is { } worn ? Math.Max(0, day.DayNumber - worn.DayNumber) : null);
    }

    /// <summary>
    /// The terms of the outfit made of the pieces at <paramref name="set"/>. <paramref name="assumedOuterWarmth"/> stands in
    /// for an outer that will be added later when the set has none yet, so that partial outfits compare fairly.
    /// </summary>
    public OutfitTerms Terms(ReadOnlySpan<int> set, float assumedOuterWarmth = 0)
    {
        var n = set.Length;
        Span<float> mean = stackalloc float[StyleTaxonomy.Count];
        Span<float> colourWeight = stackalloc float[Colours];
        mean.Clear();
        colourWeight.Clear();

        var coherence = 0f;
        var pairs = 0;
        var taste = 0f;
        var occasion = 0f;
        var fresh = 0f;
        var layers = 0f;
        var hasOuter = false;
        int? shoeWarmth = null;
        string? shoeCategory = null;
        var printed = 0;
        var affinity = 0f;
        var feedback = 0;

        for (var a = 0; a < n; a++)
        {
            var p = Pieces[set[a]];
            var unit = p.Unit;
            for (var s = 0; s < unit.Length; s++)
            {
                mean[s] += unit[s];
            }

            for (var b = a + 1; b < n; b++)
            {
                coherence += VectorMath.Dot(unit, Pieces[set[b]].Unit);
                pairs++;
                if (_pairFeedback.Count > 0 && _pairFeedback.TryGetValue(PairKey(set[a], set[b]), out var sign))
                {
                    feedback += Math.Sign(sign);
                }
            }

            taste += p.TasteCos;
            occasion += p.OccasionAffinity;
            fresh += p.Fresh;
            affinity += p.Affinity;
            layers += WarmthFit.LayerWarmth(p.Slot, p.Source.Warmth);
            hasOuter |= p.Slot == GarmentSlot.Outer;
            if (p.Slot == GarmentSlot.Shoes)
            {
                (shoeWarmth, shoeCategory) = (p.Source.Warmth, p.Source.Category);
            }

            printed += p.Printed ? 1 : 0;
            var scale = p.Slot is GarmentSlot.Shoes or GarmentSlot.Bag or GarmentSlot.Accessory ? AccessoryColourWeight : 1f;
            for (var k = 0; k < p.Main.Length; k++)
            {
                colourWeight[(int)p.Main[k]] += scale * p.MainWeights[k];
            }
        }

        if (!hasOuter)
        {
            layers += assumedOuterWarmth;
        }

        var colour = ColourScore(colourWeight, printed);
        if (_affinity is not null && n > 0)
        {
            colour = (1 - AffinityShare) * colour + AffinityShare * (affinity / n);
        }

        return new OutfitTerms(
            Coherence: pairs > 0 ? coherence / pairs : 1f,
            Taste: n > 0 ? taste / n : 0.5f,
            Colour: colour,
            Weather: WarmthFit.Score(layers, hasOuter || assumedOuterWarmth > 0, shoeWarmth, shoeCategory, Temperature, Precipitation),
            Occasion: Occasion is { } o && n > 0 ? OccasionFit.Score(occasion / n, OccasionFit.Style(o, mean)) : 0.5f,
            Fresh: n > 0 ? fresh / n : 1f,
            Novelty: 1f - Repeat(set, out _),
            Feedback: pairs > 0 ? feedback / (float)pairs : 0f);
    }

    /// <summary>How much the set repeats an outfit worn lately (Jaccard overlap × (1 − age / window)), and how many days ago.</summary>
    public float Repeat(ReadOnlySpan<int> set, out int ageDays)
    {
        var worst = 0f;
        ageDays = -1;
        foreach (var (indexes, size, age) in _recent)
        {
            var shared = 0;
            foreach (var i in set)
            {
                shared += Array.IndexOf(indexes, i) >= 0 ? 1 : 0;
            }

            if (shared == 0)
            {
                continue;
            }

            var repeat = shared / (float)(set.Length + size - shared) * (1f - age / (float)RepeatWindowDays);
            if (repeat > worst)
            {
                (worst, ageDays) = (repeat, age);
            }
        }

        return worst;
    }

    /// <summary>The colour harmony of a set whose colours weigh <paramref name="colourWeight"/> (accents heaviest first).</summary>
    public static float ColourScore(ReadOnlySpan<float> colourWeight, int printed)
    {
        Span<Colour> accents = stackalloc Colour[colourWeight.Length];
        var count = Accents(colourWeight, accents);
        return ColourHarmony.Evaluate(accents[..count], printed, out _);
    }

    /// <summary>Writes the set's accents heaviest first (ties by colour order) and returns how many.</summary>
    public static int Accents(ReadOnlySpan<float> colourWeight, Span<Colour> accents)
    {
        var count = 0;
        for (var c = 0; c < colourWeight.Length; c++)
        {
            if (colourWeight[c] > 0 && !ColourHarmony.IsNeutral((Colour)c))
            {
                var at = count++;
                while (at > 0 && colourWeight[(int)accents[at - 1]] < colourWeight[c])
                {
                    accents[at] = accents[at - 1];
                    at--;
                }

                accents[at] = (Colour)c;
            }
        }

        return count;
    }

    /// <summary>The colour verdict with its text, for a reason.</summary>
    public ColourVerdict ColourVerdictOf(ReadOnlySpan<int> set)
    {
        Span<float> colourWeight = stackalloc float[Colours];
        colourWeight.Clear();
        var printed = 0;
        foreach (var i in set)
        {
            var p = Pieces[i];
            printed += p.Printed ? 1 : 0;
            var scale = p.Slot is GarmentSlot.Shoes or GarmentSlot.Bag or GarmentSlot.Accessory ? AccessoryColourWeight : 1f;
            for (var k = 0; k < p.Main.Length; k++)
            {
                colourWeight[(int)p.Main[k]] += scale * p.MainWeights[k];
            }
        }

        Span<Colour> accents = stackalloc Colour[Colours];
        var count = Accents(colourWeight, accents);
        return ColourHarmony.Judge(accents[..count], printed);
    }

    private static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    private void AddPairs(IEnumerable<System.Collections.Immutable.ImmutableArray<string>> outfits, int sign, Dictionary<string, int> indexById)
    {
        foreach (var outfit in outfits)
        {
            if (outfit.IsDefaultOrEmpty)
            {
                continue;
            }

            var indexes = Indexes(outfit, indexById);
            for (var a = 0; a < indexes.Length; a++)
            {
                for (var b = a + 1; b < indexes.Length; b++)
                {
                    var key = PairKey(indexes[a], indexes[b]);
                    _pairFeedback[key] = _pairFeedback.GetValueOrDefault(key) + sign;
                }
            }
        }
    }

    private static int[] Indexes(System.Collections.Immutable.ImmutableArray<string> ids, Dictionary<string, int> indexById) =>
        [.. ids.Select(id => indexById.TryGetValue(id, out var i) ? i : -1).Where(i => i >= 0).Distinct()];

    /// <summary>Each piece's latest wear: its own log, or a worn outfit of the history that holds it, whichever is later.</summary>
    private static DateOnly?[] LastWorn(OutfitRequest request, Dictionary<string, int> indexById, IReadOnlyList<OutfitPiece> pieces)
    {
        var last = new DateOnly?[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            // The log is newest first; composing for an earlier day ignores the wears after it.
            if (pieces[i].Item is { WornOn.IsDefault: false } item)
            {
                foreach (var day in item.WornOn)
                {
                    if (day <= request.Day)
                    {
                        last[i] = day;
                        break;
                    }
                }
            }
        }

        foreach (var worn in request.History ?? [])
        {
            if (worn.Day > request.Day || worn.ItemIds.IsDefault)
            {
                continue;
            }

            foreach (var id in worn.ItemIds)
            {
                if (indexById.TryGetValue(id, out var i) && (last[i] is null || last[i] < worn.Day))
                {
                    last[i] = worn.Day;
                }
            }
        }

        return last;
    }

    private static float[]? ScaledAffinity(float[]? affinity)
    {
        if (affinity is null || affinity.Length != Colours)
        {
            return null;
        }

        var max = 0f;
        foreach (var value in affinity)
        {
            max = float.IsFinite(value) ? MathF.Max(max, value) : max;
        }

        return max > 0 ? [.. affinity.Select(v => float.IsFinite(v) ? Math.Clamp(v / max, 0f, 1f) : 0f)] : null;
    }
}
