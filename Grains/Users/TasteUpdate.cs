using OtMz.Grains.Taste;

namespace OtMz.Grains.Users;

/// <summary>
/// What each signal does to a user's state (design.md, "Signals and the taste update"). A signal moves the taste
/// towards or away from the look by its surprise: its evidence (like 1, dwell its weight, skip and dislike negative)
/// minus what this user's views typically earn. Measured against the user's own baseline, the looks a user merely
/// tolerates push the taste away as the ones they love pull it, so neighbouring styles that only ride along with the
/// shown looks do not accumulate (docs/quality.md has the measurements that chose this over a moving average).
/// </summary>
public static class TasteUpdate
{
    public static void Apply(UserState state, float[] taste, Signal signal, Look? look, TasteOptions options)
    {
        var unit = look is null ? [] : StylePrior.Debias(look.StyleVector.Values, options.PriorCorrection);
        if (Evidence(signal, options) is { } evidence)
        {
            var baseline = Baseline(state, options);
            TasteModel.Nudge(taste, unit, options.LearningRate * Math.Clamp(evidence - baseline, -1f, 1f));
            if (signal.Type is SignalType.Dwell or SignalType.Skip)
            {
                var keep = 1 - options.BaselineRate;
                state.ViewEvidenceSum = keep * state.ViewEvidenceSum + evidence;
                state.ViewCount = keep * state.ViewCount + 1;
            }
        }

        switch (signal.Type)
        {
            case SignalType.Like or SignalType.Save:
                TasteModel.BlendColours(state.ColourAffinity, PaletteWeights(look!), options.ColourRate / 2);
                state.Liked.Add(look!.Id, options.LookMemory);
                state.Disliked.Remove(look.Id);
                state.Seen.Add(look.Id, options.LookMemory);
                break;
            case SignalType.Unlike:
                // Only a look the user liked can be unliked; anything else is acknowledged and changes nothing.
                if (state.Liked.Remove(look!.Id))
                {
                    TasteModel.Repel(taste, unit, options.LearningRate * Math.Clamp(1 - Baseline(state, options), 0f, 1f));
                }

                break;
            case SignalType.Dwell or SignalType.Skip:
                state.Seen.Add(look!.Id, options.LookMemory);
                if (signal.Type == SignalType.Dwell && signal.DwellMs >= options.DwellSkipBelowMs)
                {
                    state.Engagement.Record(look.Id, TasteModel.DwellWeight(signal.DwellMs.Value), options.LookMemory);
                }

                break;
            case SignalType.Dislike:
                state.Disliked.Add(look!.Id, options.LookMemory);
                state.Engagement.Forget(look.Id);
                state.Liked.Remove(look.Id);
                break;
            case SignalType.Colour:
                var pick = new float[UserState.ColourCount];
                pick[(int)signal.Colour!.Value] = 1f;
                TasteModel.BlendColours(state.ColourAffinity, pick, options.ColourRate);
                break;
        }
    }

    /// <summary>
    /// An outfit signal (like, save or dislike of an outfit composed from the closet) moves the taste as the same
    /// signal on a look would, towards or away from <paramref name="style"/>, the outfit's items taken together; a
    /// like or save also leans the colour affinity towards the outfit's <paramref name="colours"/>.
    /// </summary>
    public static void ApplyOutfit(UserState state, float[] taste, SignalType type, float[] style, float[] colours, TasteOptions options)
    {
        var evidence = type is SignalType.Like or SignalType.Save ? 1f : -options.DislikeStep;
        var unit = StylePrior.Debias(style, options.PriorCorrection);
        TasteModel.Nudge(taste, unit, options.LearningRate * Math.Clamp(evidence - Baseline(state, options), -1f, 1f));
        if (evidence > 0)
        {
            TasteModel.BlendColours(state.ColourAffinity, colours, options.ColourRate / 2);
        }
    }

    /// <summary>
    /// Teaches the user's pairwise direction (<see cref="PairwiseTaste"/>) the dwell ordering of one batch's views: each
    /// look weighs its longest dwell's weight, 0 for a skip or a dwell too short to count. Nothing happens while
    /// <see cref="TasteOptions.PairwiseWeight"/> is 0; the direction starts from the taste.
    /// </summary>
    public static void LearnPairs(UserState state, IEnumerable<Signal> signals, IReadOnlyDictionary<string, Look> looks, TasteOptions options)
    {
        if (options.PairwiseWeight <= 0)
        {
            return;
        }

        var views = signals
            .Where(s => s.LookId is not null && s.Type is SignalType.Dwell or SignalType.Skip)
            .GroupBy(s => s.LookId!, StringComparer.Ordinal)
            .Select(g => (Weight: g.Max(s => s.Type == SignalType.Dwell && s.DwellMs >= options.DwellSkipBelowMs ? TasteModel.DwellWeight(s.DwellMs!.Value) : 0f),
                Unit: VectorMath.Normalized(looks[g.Key].StyleVector.Values)))
            .ToList();
        if (views.Count < 2)
        {
            return;
        }

        state.Pairwise ??= state.Taste is { } taste ? (float[])taste.Clone() : TasteModel.Neutral();
        PairwiseTaste.Learn(state.Pairwise, views, options.PairwiseRate);
    }

    /// <summary>What a view of this user's typically earns: the moving average of their views' evidence.</summary>
    public static float Baseline(UserState state, TasteOptions options) =>
        state.ViewCount > 0 ? state.ViewEvidenceSum / state.ViewCount : options.BaselineStart;

    /// <summary>
    /// A signal's evidence that the user wants looks like this one: 1 for a like or save, the dwell weight for a
    /// dwell, a small negative for a skip and a larger one for a dislike; null for signals that say nothing of style.
    /// </summary>
    private static float? Evidence(Signal signal, TasteOptions options) => signal.Type switch
    {
        SignalType.Like or SignalType.Save => 1f,
        SignalType.Dwell when signal.DwellMs >= options.DwellSkipBelowMs => TasteModel.DwellWeight(signal.DwellMs.Value),
        SignalType.Dwell or SignalType.Skip => -options.SkipStep,
        SignalType.Dislike => -options.DislikeStep,
        _ => null,
    };

    /// <summary>A look's palette as weights over the 21 colours, summing to one.</summary>
    public static float[] PaletteWeights(Look look)
    {
        var weights = new float[UserState.ColourCount];
        foreach (var entry in look.Palette)
        {
            weights[(int)entry.Colour] += entry.Weight;
        }

        var sum = weights.Sum();
        if (sum > 0)
        {
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] /= sum;
            }
        }

        return weights;
    }
}
