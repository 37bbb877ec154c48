namespace OtMz.Grains.Outfits;

/// <summary>
/// A user's weights for the composer's terms (<see cref="OutfitTerms"/>): the score of an outfit is the terms' mean
/// weighted by these. Every user starts at <see cref="Default"/>; each like or dislike of a composed outfit moves
/// them by <see cref="Update"/>, so the terms on which the user's liked outfits stand out count for more. The user
/// grain keeps them in its state; the composer only reads them.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.composer-weights")]
public sealed record ComposerWeights(
    [property: Id(0)] float Coherence,
    [property: Id(1)] float Taste,
    [property: Id(2)] float Colour,
    [property: Id(3)] float Weather,
    [property: Id(4)] float Occasion,
    [property: Id(5)] float Fresh,
    [property: Id(6)] float Novelty,
    [property: Id(7)] float Feedback)
{
    /// <summary>
    /// The starting weights: weather counts most (an outfit for the wrong weather is the first thing users of closet
    /// apps complain about), the style terms and colour next, then feedback, the occasion and repeats, freshness least.
    /// </summary>
    public static ComposerWeights Default { get; } = new(1f, 1f, 1f, 1.5f, 0.8f, 0.4f, 0.8f, 1f);

    /// <summary>How far one like or dislike moves a weight: the factor is e^(±<see cref="Step"/> × the term's lead).</summary>
    public const float Step = 1f;

    /// <summary>Bounds on each weight, as multiples of its default: no term is ever silenced or allowed to drown the rest.</summary>
    public const float MinFactor = 0.25f;

    public const float MaxFactor = 4f;

    /// <summary>The weight of term <paramref name="term"/>, in <see cref="OutfitTerms"/> order.</summary>
    public float Get(int term) => new OutfitTerms(Coherence, Taste, Colour, Weather, Occasion, Fresh, Novelty, Feedback).Get(term);

    public float Sum => Coherence + Taste + Colour + Weather + Occasion + Fresh + Novelty + Feedback;

    /// <summary>The outfit's score: the terms' mean weighted by these weights (0 if they are all zero).</summary>
    public float Score(in OutfitTerms terms)
    {
        var sum = Sum;
        if (!(sum > 0))
        {
            return 0f;
        }

        var total = Coherence * terms.Coherence + Taste * terms.Taste + Colour * terms.Colour + Weather * terms.Weather
            + Occasion * terms.Occasion + Fresh * terms.Fresh + Novelty * terms.Novelty + Feedback * terms.Feedback;
        return total / sum;
    }

    /// <summary>
    /// The weights after the user <paramref name="liked"/> (or disliked) the outfit with <paramref name="chosen"/>
    /// terms, out of the list with <paramref name="offered"/> terms (the list it was shown in, itself included). Each
    /// weight is multiplied by e^(s × <see cref="Step"/> × (chosen − mean of offered)) for that term, s = +1 for a like
    /// and −1 for a dislike, then kept within [<see cref="MinFactor"/>, <see cref="MaxFactor"/>] × its default: a like
    /// raises the terms on which the outfit beat its list and lowers those on which it fell short, a dislike the
    /// other way round. An empty list leaves the weights as they are.
    /// </summary>
    public ComposerWeights Update(in OutfitTerms chosen, IReadOnlyList<OutfitTerms> offered, bool liked)
    {
        if (offered.Count == 0)
        {
            return this;
        }

        Span<float> weights = stackalloc float[OutfitTerms.Count];
        var sign = liked ? 1f : -1f;
        for (var t = 0; t < OutfitTerms.Count; t++)
        {
            var mean = 0f;
            foreach (var terms in offered)
            {
                mean += terms.Get(t);
            }

            mean /= offered.Count;
            var moved = Get(t) * MathF.Exp(sign * Step * (chosen.Get(t) - mean));
            var home = Default.Get(t);
            weights[t] = Math.Clamp(moved, home * MinFactor, home * MaxFactor);
        }

        return new ComposerWeights(weights[0], weights[1], weights[2], weights[3], weights[4], weights[5], weights[6], weights[7]);
    }
}
