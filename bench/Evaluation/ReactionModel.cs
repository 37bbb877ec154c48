namespace OtMz.Evaluation;

/// <summary>One thing a simulated user does to one shown look (or, for a colour pick, beside it).</summary>
public readonly record struct Reaction(int Look, SignalType Type, int? DwellMs = null, Colour? Colour = null);

/// <summary>
/// How a simulated user reacts to a list (docs/quality.md, "The reaction model"). Every shown look gets one view
/// signal, a dwell whose length grows with the look's true rank or a skip, and on top of it, by chance, a like, a
/// save, a dislike or a colour pick from the true taste's colours. The dice of one look in one round depend only on
/// (seed, user, round, look), so the platform and the baselines, shown the same look in the same round, get the same
/// reaction to it.
/// </summary>
public static class ReactionModel
{
    /// <summary>One band of the true ordering: the top <see cref="UpTo"/> of the eligible looks and what they get.</summary>
    public sealed record Band(string Name, double UpTo, double DwellChance, int DwellMinMs, int DwellMaxMs, double Like, double Save, double Dislike, double ColourPick);

    /// <summary>The bands, best first; a look falls in the first whose <see cref="Band.UpTo"/> its percentile is below.</summary>
    public static IReadOnlyList<Band> Bands { get; } =
    [
        new("top 1 %", UserTruth.Top1, DwellChance: 1.0, 12_000, 30_000, Like: 0.85, Save: 0.35, Dislike: 0, ColourPick: 0.15),
        new("top 5 %", UserTruth.Top5, DwellChance: 1.0, 6_000, 15_000, Like: 0.55, Save: 0.15, Dislike: 0, ColourPick: 0.08),
        new("top 15 %", UserTruth.Top15, DwellChance: 1.0, 2_000, 6_000, Like: 0.10, Save: 0.02, Dislike: 0, ColourPick: 0),
        new("top 40 %", 0.40, DwellChance: 0.5, 600, 2_000, Like: 0, Save: 0, Dislike: 0, ColourPick: 0),
        new("rest", 1.01, DwellChance: 0, 0, 0, Like: 0, Save: 0, Dislike: 0.05, ColourPick: 0),
    ];

    /// <summary>Below this true relevance (cosine) a look in the last band is disliked far more often.</summary>
    public const float PoorRelevance = 0.2f;

    public const double PoorDislike = 0.30;

    public static Band BandOf(double percentile) => Bands.First(b => percentile < b.UpTo);

    /// <summary>The reactions to one list, in list order.</summary>
    public static List<Reaction> React(UserTruth truth, int round, IReadOnlyList<int> shown)
    {
        var reactions = new List<Reaction>(shown.Count * 2);
        foreach (var look in shown)
        {
            var rng = new Rng(truth.User.Seed, truth.User.Index, round, look, 2);
            var band = BandOf(truth.Percentile(look));
            if (rng.Chance(band.DwellChance))
            {
                reactions.Add(new Reaction(look, SignalType.Dwell, DwellMs: band.DwellMinMs + rng.NextInt(band.DwellMaxMs - band.DwellMinMs + 1)));
            }
            else
            {
                reactions.Add(new Reaction(look, SignalType.Skip));
            }

            if (rng.Chance(band.Like))
            {
                reactions.Add(new Reaction(look, SignalType.Like));
            }

            if (rng.Chance(band.Save))
            {
                reactions.Add(new Reaction(look, SignalType.Save));
            }

            var dislike = truth.Relevance[look] < PoorRelevance && band.Dislike > 0 ? PoorDislike : band.Dislike;
            if (rng.Chance(dislike))
            {
                reactions.Add(new Reaction(look, SignalType.Dislike));
            }

            if (rng.Chance(band.ColourPick) && truth.Colours.Length > 0)
            {
                var weights = truth.Colours.Select(c => c.Weight).ToArray();
                reactions.Add(new Reaction(look, SignalType.Colour, Colour: truth.Colours[rng.PickWeighted(weights)].Colour));
            }
        }

        return reactions;
    }
}
