using System.Runtime.CompilerServices;

namespace OtMz.Grains.Ranking;

// The explanation half of LookRanker: which terms moved a pick's place enough to be named (see the class remarks).
public static partial class LookRanker
{
    /// <summary>The places a term must move its look to be named, unless the look could not move that far.</summary>
    public const int MaterialPlaces = 3;

    /// <summary>
    /// How far a move is looked for, which also orders a look's reasons: a pick is compared with the picks up to this
    /// many places above it and with this many of the best candidates it beat when it was picked.
    /// </summary>
    public const int Horizon = 5;

    /// <summary>
    /// A term is said to order two looks only if it differs between them by more than this: the style scores a
    /// cosine is made of are not precise to a hundredth, so a smaller difference decides nothing a user could see.
    /// </summary>
    public const float Tie = 0.01f;

    /// <summary>The most reasons a look carries.</summary>
    public const int MaxShownReasons = 3;

    private const int StyleReasons = 2;

    /// <summary>The most terms one look can be explained by before the strongest are kept: its top styles and one for each other term.</summary>
    private const int MaxReasons = StyleReasons + 8;

    private static readonly string[] StyleTexts = StyleShares.Texts(key => $"Matches your {key} taste");
    private static readonly string[] ColourKeys = [.. Enum.GetValues<Colour>().Select(c => c.ToString().ToLowerInvariant())];
    private static readonly string[] OccasionKeys = [.. Enum.GetValues<Occasion>().Select(o => o.ToString().ToLowerInvariant())];

    // The reasons' fixed texts, written once: a user's latest list lives until their next signal, so every string
    // a recompute makes for it outlasts a young-generation collection and is copied by the GC.
    private static readonly string[] ColourTexts = [.. ColourKeys.Select(key => $"In colours you pick, such as {key}")];
    private static readonly string[] ClosetTexts = StyleShares.Texts(key => $"Goes with the {key} pieces in your closet");
    private static readonly string[] OccasionTexts = [.. OccasionKeys.Select(key => $"Suits your usual occasion: {key}")];

    private enum Term
    {
        Style,
        Weather,
        Colour,
        Closet,
        Occasion,
        Seen,
        Liked,
        Engaged,
        Diversity,
    }

    /// <summary>
    /// Writes the reasons of the pick at <paramref name="place"/> into <paramref name="reasons"/>, strongest first,
    /// and returns how many to keep (at most <see cref="MaxShownReasons"/>); <paramref name="total"/> is how many
    /// candidates there were. A style, colour, closet, occasion, like or engagement is named only where it lifted the look, seen only
    /// where it held it down, weather either way as its sign says, and diversity either way, with a text for each.
    /// </summary>
    private static int Explain(ReadOnlySpan<Pick> picks, int place, int total, float[] units, float[] taste, float diversityWeight,
        RankingContext context, string? temperature, Span<Reason> reasons, Span<int> effects)
    {
        var c = picks[place].Candidate;
        var unit = units.AsSpan(c.Unit, StyleTaxonomy.Count);
        var count = 0;

        // The look's score at the steps that picked the looks just above it: its diversity penalty was smaller then.
        Span<float> earlier = stackalloc float[Horizon];
        var closest = 0f;
        for (var j = 0; j < place; j++)
        {
            if (j >= place - Horizon)
            {
                earlier[j - place + Horizon] = c.Base - diversityWeight * closest;
            }

            closest = MathF.Max(closest, PaddedDot(units.AsSpan(c.Unit, Stride), units.AsSpan(picks[j].Candidate.Unit, Stride)));
        }

        // Only a style holding more than a third of the match is the look's: a taste spread thin over many styles
        // matches on none in particular, and at most two styles can each hold that much.
        Span<int> top = stackalloc int[StyleReasons];
        var found = StyleShares.Top(taste, unit, MathF.Max(0f, c.Hit.Cosine / 3), top);
        for (var n = 0; n < found; n++)
        {
            var index = top[n];
            var share = taste[index] * unit[index];
            if (Effect(picks, place, total, earlier, Term.Style, share) is > 0 and var effect)
            {
                effects[count] = effect;
                reasons[count++] = new Reason("style", StyleTaxonomy.KeyOf(index), share, StyleTexts[index]);
            }
        }

        var look = c.Hit.Look;
        // Weather is named where it lifted a look it suits or held down one it does not, so that the text is true.
        if (temperature is not null && Effect(picks, place, total, earlier, Term.Weather, c.Weather) is var weather
            && ((weather > 0 && c.Weather > 0) || (weather < 0 && c.Weather < 0)))
        {
            effects[count] = Math.Abs(weather);
            reasons[count++] = new Reason("weather", null, c.Weather, weather > 0
                ? $"Comfortable at {temperature}°C (made for {look.MinTempC}–{look.MaxTempC}°C)"
                : $"Less suited to {temperature}°C (made for {look.MinTempC}–{look.MaxTempC}°C)");
        }

        if (c.Colour > 0 && Effect(picks, place, total, earlier, Term.Colour, c.Colour) is > 0 and var colourEffect)
        {
            var best = look.Palette[0];
            foreach (var entry in look.Palette)
            {
                if (context.ColourAffinity[(int)entry.Colour] * entry.Weight > context.ColourAffinity[(int)best.Colour] * best.Weight)
                {
                    best = entry;
                }
            }

            effects[count] = colourEffect;
            reasons[count++] = new Reason("colour", ColourKeys[(int)best.Colour], c.Colour, ColourTexts[(int)best.Colour]);
        }

        if (context.ClosetStyle is { } closet && c.Closet > 0 && Effect(picks, place, total, earlier, Term.Closet, c.Closet) is > 0 and var closetEffect)
        {
            var shared = 0;
            for (var i = 1; i < StyleTaxonomy.Count; i++)
            {
                if (closet[i] * unit[i] > closet[shared] * unit[shared])
                {
                    shared = i;
                }
            }

            effects[count] = closetEffect;
            reasons[count++] = new Reason("closet", StyleTaxonomy.KeyOf(shared), c.Closet, ClosetTexts[shared]);
        }

        if (context.UsualOccasion is { } o && c.Occasion > 0 && Effect(picks, place, total, earlier, Term.Occasion, c.Occasion) is > 0 and var occasionEffect)
        {
            effects[count] = occasionEffect;
            reasons[count++] = new Reason("occasion", OccasionKeys[(int)o], c.Occasion, OccasionTexts[(int)o]);
        }

        if (c.Seen > 0 && Effect(picks, place, total, earlier, Term.Seen, -c.Seen) is < 0 and var seenEffect)
        {
            effects[count] = -seenEffect;
            reasons[count++] = new Reason("seen", null, -c.Seen, "You have seen this look before");
        }

        if (c.Liked > 0 && Effect(picks, place, total, earlier, Term.Liked, c.Liked) is > 0 and var likedEffect)
        {
            effects[count] = likedEffect;
            reasons[count++] = new Reason("liked", null, c.Liked, "You liked this look");
        }

        if (c.Engaged > 0 && Effect(picks, place, total, earlier, Term.Engaged, c.Engaged) is > 0 and var engagedEffect)
        {
            effects[count] = engagedEffect;
            reasons[count++] = new Reason("engaged", null, c.Engaged, "You spent a while on this look");
        }

        var penalty = picks[place].Penalty;
        if (Effect(picks, place, total, earlier, Term.Diversity, -penalty) is not 0 and var diversity)
        {
            effects[count] = Math.Abs(diversity);
            reasons[count++] = new Reason("diversity", null, penalty > 0 ? -penalty : 0f,
                diversity > 0 ? "Ranked higher to keep the list varied" : "Ranked lower to keep the list varied");
        }

        // Strongest first: by places moved, then by the size of the term; insertion keeps equal ones in the order above.
        for (var i = 1; i < count; i++)
        {
            var (reason, effect) = (reasons[i], effects[i]);
            var j = i;
            for (; j > 0 && (effect > effects[j - 1] || (effect == effects[j - 1] && MathF.Abs(reason.Contribution) > MathF.Abs(reasons[j - 1].Contribution))); j--)
            {
                (reasons[j], effects[j]) = (reasons[j - 1], effects[j - 1]);
            }

            (reasons[j], effects[j]) = (reason, effect);
        }

        return Math.Min(count, MaxShownReasons);
    }

    /// <summary>
    /// How many places the pick at <paramref name="place"/> owes to <paramref name="term"/>, whose value in its score
    /// is <paramref name="own"/>: positive if the term lifted it, negative if it held it down, counted up to
    /// <see cref="Horizon"/>; 0 unless material. The term is taken out of every neighbour's score too, except a style,
    /// which is the look's own match. Its neighbours are the best candidates it beat, scored as they stood then, and
    /// the picks above it, each against the look's score at the step that picked it (<paramref name="earlier"/>, the
    /// last <see cref="Horizon"/> steps before the look's).
    /// </summary>
    private static int Effect(ReadOnlySpan<Pick> picks, int place, int total, ReadOnlySpan<float> earlier, Term term, float own)
    {
        ref readonly var pick = ref picks[place];
        var without = pick.Final - own;

        // Candidates it beat that would have beaten or tied it without the term, and picks above it that it would
        // have beaten or tied; in both, the term must differ by more than a tie between the two.
        var lifted = 0;
        for (var m = 0; m < pick.Beaten.Count; m++)
        {
            var final = pick.Beaten.Finals[m];
            var theirs = ValueOf(term, pick.Beaten.Candidates[m], final);
            lifted += own - theirs > Tie && final - theirs >= without ? 1 : 0;
        }

        var heldDown = 0;
        for (var j = Math.Max(0, place - Horizon); j < place; j++)
        {
            // A step kept for never-seen looks was never this look's to win, whatever its score.
            if (picks[j].Restricted && !pick.Candidate.Fresh)
            {
                continue;
            }

            var then = earlier[j - place + Horizon];
            var ownThen = term == Term.Diversity ? then - pick.Candidate.Base : own;
            var theirs = ValueOf(term, picks[j].Candidate, picks[j].Final);
            heldDown += theirs - ownThen > Tie && then - ownThen >= picks[j].Final - theirs ? 1 : 0;
        }

        var moved = lifted - heldDown;
        return moved > 0 ? Material(moved, total - 1 - place) : -Material(-moved, place);
    }

    /// <summary>The term's value in a neighbour's score of <paramref name="final"/>; a style is the pick's alone.</summary>
    private static float ValueOf(Term term, in Candidate c, float final) => term switch
    {
        Term.Weather => c.Weather,
        Term.Colour => c.Colour,
        Term.Closet => c.Closet,
        Term.Occasion => c.Occasion,
        Term.Seen => -c.Seen,
        Term.Liked => c.Liked,
        Term.Engaged => c.Engaged,
        Term.Diversity => final - c.Base,
        _ => 0f,
    };

    /// <summary>
    /// A move of <paramref name="moved"/> places is material if it is <see cref="MaterialPlaces"/> or more, or takes
    /// the look as far as it could go (<paramref name="room"/> places, to the top or the bottom); the effect counted
    /// up to <see cref="Horizon"/>, or 0.
    /// </summary>
    private static int Material(int moved, int room) =>
        moved > 0 && moved >= Math.Min(MaterialPlaces, room) ? Math.Min(moved, Horizon) : 0;

    /// <summary>
    /// One pick of the greedy loop: its final score, the diversity penalty in it, whether only never-seen looks could
    /// be picked at its step, and the best candidates it beat there.
    /// </summary>
    private readonly record struct Pick(Candidate Candidate, float Final, float Penalty, bool Restricted, Beaten Beaten);

    /// <summary>The best <see cref="Horizon"/> candidates a pick beat, with their scores at that step.</summary>
    private struct Beaten
    {
        public Candidates Candidates;
        public Floats Finals;
        public int Count;
    }

    [InlineArray(Horizon)]
    private struct Candidates
    {
        private Candidate _element;
    }

    [InlineArray(Horizon)]
    private struct Floats
    {
        private float _element;
    }

    /// <summary>
    /// One step of the greedy loop, kept on the stack: the best <see cref="Horizon"/> + 1 scores offered (the pick's
    /// among them), so that the pick's reasons can be judged against the runners-up.
    /// </summary>
    private struct Contest
    {
        private const int Size = Horizon + 1;
        private Entries _finals;
        private Indices _indices;
        private int _count;

        public void Offer(float final, int index)
        {
            if (_count == Size && final <= _finals[Size - 1])
            {
                return;
            }

            var j = _count < Size ? _count++ : Size - 1;
            for (; j > 0 && _finals[j - 1] < final; j--)
            {
                _finals[j] = _finals[j - 1];
                _indices[j] = _indices[j - 1];
            }

            _finals[j] = final;
            _indices[j] = index;
        }

        /// <summary>The runners-up: every entry but the pick's, best first.</summary>
        public readonly Beaten Beaten(int pickIndex, Candidate[] pool)
        {
            var beaten = default(Beaten);
            var skipped = false;
            for (var e = 0; e < _count && beaten.Count < Horizon; e++)
            {
                if (!skipped && _indices[e] == pickIndex)
                {
                    skipped = true;
                    continue;
                }

                beaten.Candidates[beaten.Count] = pool[_indices[e]];
                beaten.Finals[beaten.Count++] = _finals[e];
            }

            return beaten;
        }

        [InlineArray(Size)]
        private struct Entries
        {
            private float _element;
        }

        [InlineArray(Size)]
        private struct Indices
        {
            private int _element;
        }
    }
}
