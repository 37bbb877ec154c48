using OtMz.Grains;
using OtMz.Grains.Taste;
using OtMz.Grains.Users;

namespace OtMz.UnitTests;

/// <summary>Each signal type moves the taste the right way, by a bounded amount, and never to NaN.</summary>
public class TasteUpdateTests
{
    private static readonly TasteOptions Options = new();

    private static readonly Look Sporty = Look("look-sporty", (16, 0.9f), (22, 0.4f));

    private static Look Look(string id, params (int Index, float Value)[] styles)
    {
        var v = new float[StyleTaxonomy.Count];
        foreach (var (i, x) in styles)
        {
            v[i] = x;
        }

        return new Look(id, id, null, Gender.Unisex, [Season.Spring], [Occasion.Daily], 5, 20,
            [new PaletteEntry(Colour.Gray, 0.6f), new PaletteEntry(Colour.Neon, 0.4f)], [], StyleVector.Create(v));
    }

    /// <summary>Applies one signal to a user with a fixed, mixed taste; returns the cosine to the look before and after.</summary>
    private static (float Before, float After, float Moved, UserState State) Run(Signal signal, Look? look = null, UserState? state = null)
    {
        state ??= new UserState();
        var mixed = new float[StyleTaxonomy.Count];
        mixed[4] = 0.8f;
        mixed[16] = 0.3f;
        mixed[22] = 0.5f;
        var taste = VectorMath.Normalized(mixed);
        var before = (float[])taste.Clone();
        look ??= Sporty;
        TasteUpdate.Apply(state, taste, signal, look, Options);
        Assert.All(taste, x => Assert.True(float.IsFinite(x) && x >= 0));
        Assert.Equal(1f, VectorMath.Norm(taste), 4);
        var moved = VectorMath.Distance(before, taste);
        Assert.True(moved <= 2 * Options.LearningRate + 1e-4f, $"{signal.Type} moved {moved}");
        return (VectorMath.Cosine(before, look.StyleVector.Values), VectorMath.Cosine(taste, look.StyleVector.Values), moved, state);
    }

    [Fact]
    public void ALikeMovesTowardsTheLookAndRemembersIt()
    {
        var (before, after, _, state) = Run(new Signal("s", SignalType.Like, Sporty.Id));
        Assert.True(after > before);
        Assert.True(state.Liked.Contains(Sporty.Id));
        Assert.True(state.Seen.Contains(Sporty.Id));
        Assert.True(state.ColourAffinity[(int)Colour.Gray] > state.ColourAffinity[(int)Colour.Neon]);
    }

    [Fact]
    public void ASaveMovesLikeALike()
    {
        var like = Run(new Signal("s", SignalType.Like, Sporty.Id));
        var save = Run(new Signal("s", SignalType.Save, Sporty.Id));
        Assert.Equal(like.After, save.After, 6);
    }

    [Fact]
    public void ALongDwellMovesTowardsTheLookButLessThanALike()
    {
        var like = Run(new Signal("s", SignalType.Like, Sporty.Id));
        var dwell = Run(new Signal("s", SignalType.Dwell, Sporty.Id, DwellMs: 5_000));
        Assert.True(dwell.After > dwell.Before);
        Assert.True(dwell.Moved < like.Moved);
    }

    [Fact]
    public void ADwellUnderHalfASecondIsASkip()
    {
        var glance = Run(new Signal("s", SignalType.Dwell, Sporty.Id, DwellMs: 300));
        var skip = Run(new Signal("s", SignalType.Skip, Sporty.Id));
        Assert.True(glance.After < glance.Before);
        Assert.Equal(skip.After, glance.After, 6);
    }

    [Fact]
    public void ADislikeMovesAwayFurtherThanASkipAndExcludesTheLook()
    {
        var skip = Run(new Signal("s", SignalType.Skip, Sporty.Id));
        var dislike = Run(new Signal("s", SignalType.Dislike, Sporty.Id));
        Assert.True(skip.After < skip.Before);
        Assert.True(dislike.After < skip.After);
        Assert.True(dislike.State.Disliked.Contains(Sporty.Id));
        Assert.False(skip.State.Disliked.Contains(Sporty.Id));
    }

    [Fact]
    public void AnUnlikeUndoesTheDirectionOfALikedLook()
    {
        var state = new UserState();
        state.Liked.Add(Sporty.Id, 10);
        var (before, after, _, _) = Run(new Signal("s", SignalType.Unlike, Sporty.Id), state: state);
        Assert.True(after < before);
        Assert.False(state.Liked.Contains(Sporty.Id));
    }

    [Fact]
    public void UnlikingALookNeverLikedChangesNothing()
    {
        var (before, after, moved, _) = Run(new Signal("s", SignalType.Unlike, Sporty.Id));
        Assert.Equal(before, after);
        Assert.Equal(0f, moved);
    }

    [Fact]
    public void AColourPickMovesOnlyTheColourAffinity()
    {
        var (before, after, moved, state) = Run(new Signal("s", SignalType.Colour, Colour: Colour.Wine));
        Assert.Equal(0f, moved);
        Assert.Equal(before, after);
        Assert.Equal(Options.ColourRate, state.ColourAffinity[(int)Colour.Wine], 6);
    }

    [Fact]
    public void ALikeOfAStreetHeavyLookMovesStreetLessThanTheLooksOwnShare()
    {
        var streetHiphop = Look("look-sh", (22, 0.9f), (19, 0.45f));
        var state = new UserState();
        var taste = TasteModel.Neutral();
        for (var i = 0; i < 30; i++)
        {
            TasteUpdate.Apply(state, taste, new Signal($"s{i}", SignalType.Like, streetHiphop.Id), streetHiphop, new TasteOptions { PriorCorrection = 0.5f });
        }

        var raw = VectorMath.Normalized(streetHiphop.StyleVector.Values);
        Assert.True(taste[22] < raw[22], $"street {taste[22]} vs the look's {raw[22]}");
        Assert.True(taste[19] > raw[19], $"hiphop {taste[19]} vs the look's {raw[19]}");
    }

    [Fact]
    public void ADwellShorterThanTheUsersTypicalViewPushesAwayALittle()
    {
        var state = new UserState();
        var taste = TasteModel.Neutral();
        for (var i = 0; i < 40; i++)
        {
            TasteUpdate.Apply(state, taste, new Signal($"v{i}", SignalType.Dwell, Sporty.Id, DwellMs: 20_000), Sporty, Options);
        }

        Assert.True(TasteUpdate.Baseline(state, Options) > 0.7f, $"baseline {TasteUpdate.Baseline(state, Options)}");
        var (before, after, moved, _) = Run(new Signal("s", SignalType.Dwell, Sporty.Id, DwellMs: 2_000), state: state);
        Assert.True(after < before, $"{before} -> {after}");
        var like = Run(new Signal("s", SignalType.Like, Sporty.Id), state: new UserState());
        Assert.True(moved < like.Moved);
    }

    [Fact]
    public void TheBaselineIsTheMovingAverageOfWhatViewsEarnedAndLikesDoNotMoveIt()
    {
        var state = new UserState();
        var taste = TasteModel.Neutral();
        Assert.Equal(Options.BaselineStart, TasteUpdate.Baseline(state, Options));
        TasteUpdate.Apply(state, taste, new Signal("skip", SignalType.Skip, Sporty.Id), Sporty, Options);
        Assert.Equal(-Options.SkipStep, TasteUpdate.Baseline(state, Options), 6);
        TasteUpdate.Apply(state, taste, new Signal("like", SignalType.Like, Sporty.Id), Sporty, Options);
        Assert.Equal(-Options.SkipStep, TasteUpdate.Baseline(state, Options), 6);
        TasteUpdate.Apply(state, taste, new Signal("dwell", SignalType.Dwell, Sporty.Id, DwellMs: 30_000), Sporty, Options);
        var keep = 1 - Options.BaselineRate;
        Assert.Equal((keep * -Options.SkipStep + 1f) / (keep + 1f), TasteUpdate.Baseline(state, Options), 5);
    }

    [Fact]
    public void LooksTheUserOnlyToleratesPullLessThanTheirFavouritesSoNoRideAlongStyleTakesOver()
    {
        // A user who loves sporty looks and glances at street-heavy ones: the moving average drifted to street
        // because every dwell attracted; measured against the user's baseline, the glances push street away.
        var street = Look("look-street", (22, 1f), (16, 0.2f));
        var state = new UserState();
        var taste = TasteModel.Neutral();
        for (var i = 0; i < 60; i++)
        {
            TasteUpdate.Apply(state, taste, new Signal($"d{i}", SignalType.Dwell, Sporty.Id, DwellMs: 20_000), Sporty, Options);
            TasteUpdate.Apply(state, taste, new Signal($"l{i}", SignalType.Like, Sporty.Id), Sporty, Options);
            TasteUpdate.Apply(state, taste, new Signal($"g{i}", SignalType.Dwell, street.Id, DwellMs: 1_500), street, Options);
            TasteUpdate.Apply(state, taste, new Signal($"h{i}", SignalType.Dwell, street.Id, DwellMs: 1_500), street, Options);
        }

        Assert.Equal(16, Array.IndexOf(taste, taste.Max()));
        Assert.True(taste[22] < VectorMath.Normalized(Sporty.StyleVector.Values)[22], $"street {taste[22]}");
    }
}
