using OtMz.Grains.Taste;

namespace OtMz.Grains.Users;

/// <summary>
/// What each signal type does to a user's state (design.md, "Signals and the taste update"). The look's
/// vector has the dataset prior divided out first, so that typical, street-heavy looks do not pull every
/// taste to street.
/// </summary>
public static class TasteUpdate
{
    public static void Apply(UserState state, float[] taste, Signal signal, Look? look, TasteOptions options)
    {
        var unit = look is null ? [] : StylePrior.Debias(look.StyleVector.Values, options.PriorCorrection);
        switch (signal.Type)
        {
            case SignalType.Like or SignalType.Save:
                TasteModel.Attract(taste, unit, options.LearningRate);
                TasteModel.BlendColours(state.ColourAffinity, PaletteWeights(look!), options.ColourRate / 2);
                state.Liked.Add(look!.Id, options.LookMemory);
                state.Disliked.Remove(look.Id);
                state.Seen.Add(look.Id, options.LookMemory);
                break;
            case SignalType.Unlike:
                // Only a look the user liked can be unliked; anything else is acknowledged and changes nothing.
                if (state.Liked.Remove(look!.Id))
                {
                    TasteModel.Repel(taste, unit, options.LearningRate);
                }

                break;
            case SignalType.Dwell when signal.DwellMs >= options.DwellSkipBelowMs:
                TasteModel.Attract(taste, unit, options.LearningRate * TasteModel.DwellWeight(signal.DwellMs.Value));
                state.Seen.Add(look!.Id, options.LookMemory);
                break;
            case SignalType.Dwell or SignalType.Skip:
                TasteModel.Repel(taste, unit, options.SkipStep);
                state.Seen.Add(look!.Id, options.LookMemory);
                break;
            case SignalType.Dislike:
                TasteModel.Repel(taste, unit, options.DislikeStep);
                state.Disliked.Add(look!.Id, options.LookMemory);
                state.Liked.Remove(look.Id);
                break;
            case SignalType.Colour:
                var pick = new float[UserState.ColourCount];
                pick[(int)signal.Colour!.Value] = 1f;
                TasteModel.BlendColours(state.ColourAffinity, pick, options.ColourRate);
                break;
        }
    }

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
