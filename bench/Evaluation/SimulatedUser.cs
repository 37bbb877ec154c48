using System.Collections.Immutable;
using OtMz.Grains;
using OtMz.Grains.Taste;

namespace OtMz.Evaluation;

/// <summary>
/// A user with a known true taste: one to three styles with weights (the first is the strongest, the one the
/// survey is answered with) and a gender. What they react to follows from it through <see cref="UserTruth"/>
/// and <see cref="ReactionModel"/>.
/// </summary>
public sealed record SimulatedUser(string Id, int Seed, int Index, Gender Gender, ImmutableArray<int> Styles, ImmutableArray<float> Weights)
{
    /// <summary>The true taste as a unit style vector.</summary>
    public float[] TrueTaste()
    {
        var taste = new float[StyleTaxonomy.Count];
        for (var i = 0; i < Styles.Length; i++)
        {
            taste[Styles[i]] = Weights[i];
        }

        return VectorMath.Normalized(taste);
    }

    public int StrongestStyle => Styles[0];

    public string Describe() =>
        string.Join("/", Styles.Select((s, i) => $"{StyleTaxonomy.KeyOf(s)}:{Weights[i]:0.00}")) + $" ({Gender.ToString().ToLowerInvariant()})";
}

/// <summary>
/// Draws the users of one seed. Half the strongest styles are drawn uniformly over the 23 styles and half in
/// proportion to the catalog's own shares (<see cref="StylePrior"/>), so rare styles (punk, western, avantgarde)
/// are well represented and street is still common. Further styles come from the same group six times in ten.
/// </summary>
public static class UserFactory
{
    public static ImmutableArray<SimulatedUser> CreateMany(int seed, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Create(seed, i))];

    public static SimulatedUser Create(int seed, int index)
    {
        var rng = new Rng(seed, index, 1);
        var gender = rng.Chance(0.5) ? Gender.Women : Gender.Men;
        var roll = rng.NextDouble();
        var count = roll < 0.25 ? 1 : roll < 0.70 ? 2 : 3;

        var styles = new List<int>(count)
        {
            rng.Chance(0.5) ? rng.NextInt(StyleTaxonomy.Count) : rng.PickWeighted(StylePrior.Shares),
        };
        while (styles.Count < count)
        {
            var group = StyleTaxonomy.GroupOf(styles[0]).Where(s => !styles.Contains(s)).ToArray();
            var style = group.Length > 0 && rng.Chance(0.6) ? group[rng.NextInt(group.Length)] : rng.NextInt(StyleTaxonomy.Count);
            if (!styles.Contains(style))
            {
                styles.Add(style);
            }
        }

        // The strongest weighs 1; the others less, in drawing order, so the first is always the strongest.
        var weights = new List<float>(count) { 1f };
        for (var i = 1; i < count; i++)
        {
            weights.Add(rng.NextFloat(0.35f, 0.85f) * weights[i - 1]);
        }

        return new SimulatedUser($"eval-s{seed}-u{index:D4}", seed, index, gender, [.. styles], [.. weights]);
    }
}
