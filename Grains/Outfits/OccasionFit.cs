using System.Collections.Frozen;

namespace OtMz.Grains.Outfits;

/// <summary>
/// The occasion term (docs/outfits.md, "Occasion"): a table of how well each garment category and each style suits
/// each of the six occasions. A category not named for an occasion is <see cref="Neutral"/>; the styles named for it
/// are the ones its catalog looks mostly carry (the demo kits' occasions, <c>StyleKits</c>). An outfit's occasion fit
/// is 0.6 × its pieces' mean category affinity + 0.4 × the style affinity (the share of the outfit's mean unit style
/// vector that lies on the occasion's styles, scaled so that half the vector on them scores 1).
/// </summary>
public static class OccasionFit
{
    /// <summary>A category's affinity when the table does not name it for an occasion.</summary>
    public const float Neutral = 0.5f;

    public const float CategoryShare = 0.6f;

    private const float Good = 0.9f;
    private const float Poor = 0.2f;
    private const float Wrong = 0.05f;

    private sealed record Entry(string[] Good, string[] Poor, string[] Wrong, string[] Styles);

    private static readonly Entry[] Table = BuildTable();

    private static Entry[] BuildTable()
    {
        var table = new Entry[Enum.GetValues<Occasion>().Length];
        table[(int)Occasion.Daily] = new(
            ["t-shirt", "jeans", "sneakers", "shirt", "knitwear", "hoodie", "pants", "cardigan", "jacket", "tote", "crossbody"],
            ["clutch", "heels"], [],
            ["street", "modern", "classic", "preppy", "genderless", "tomboy", "country"]);
        table[(int)Occasion.Date] = new(
            ["blouse", "dress", "skirt", "knitwear", "shirt", "heels", "loafers", "coat", "cardigan", "crossbody", "clutch"],
            ["hoodie", "jogger pants", "leggings", "backpack", "padding", "zip-up"], [],
            ["feminine", "romantic", "classic", "sophisticated", "modern", "retro"]);
        table[(int)Occasion.Work] = new(
            ["shirt", "blouse", "knitwear", "pants", "skirt", "loafers", "jacket", "coat", "tote", "cardigan"],
            ["hoodie", "t-shirt", "sneakers", "jeans", "backpack", "zip-up", "jumpsuit"],
            ["jogger pants", "leggings", "bra-top", "top", "sandals", "clutch"],
            ["classic", "modern", "sophisticated", "mannish", "genderless"]);
        table[(int)Occasion.Travel] = new(
            ["t-shirt", "jeans", "sneakers", "backpack", "crossbody", "zip-up", "jumper", "pants", "hoodie", "jogger pants", "sandals"],
            ["heels", "clutch", "coat"], [],
            ["resort", "street", "sporty", "hippie", "country", "western", "tomboy", "military"]);
        table[(int)Occasion.Party] = new(
            ["dress", "top", "blouse", "heels", "clutch", "skirt", "jacket", "jumpsuit", "boots"],
            ["hoodie", "jogger pants", "backpack", "padding", "leggings", "zip-up"], [],
            ["sexy", "hiphop", "punk", "avantgarde", "oriental", "kitsch", "feminine", "sophisticated"]);
        table[(int)Occasion.Workout] = new(
            ["leggings", "jogger pants", "bra-top", "t-shirt", "hoodie", "sneakers", "zip-up", "backpack", "jumper"],
            ["pants", "knitwear", "padding"],
            ["jeans", "skirt", "dress", "heels", "loafers", "blouse", "shirt", "coat", "clutch", "jumpsuit", "sandals", "boots"],
            ["sporty"]);
        return table;
    }

    private static readonly FrozenDictionary<string, float>[] Categories =
        [.. Table.Select(e => e.Good.Select(c => (c, Good)).Concat(e.Poor.Select(c => (c, Poor))).Concat(e.Wrong.Select(c => (c, Wrong)))
            .ToFrozenDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal))];

    private static readonly int[][] StyleIndexes =
        [.. Table.Select(e => e.Styles.Select(k => StyleTaxonomy.TryGetIndex(k, out var i) ? i : throw new InvalidOperationException(k)).ToArray())];

    /// <summary>How well <paramref name="category"/> suits <paramref name="occasion"/>, in [0, 1].</summary>
    public static float Category(Occasion occasion, string? category) =>
        category is not null && Categories[(int)occasion].TryGetValue(category, out var affinity) ? affinity : Neutral;

    /// <summary>The style keys that suit <paramref name="occasion"/>.</summary>
    public static IReadOnlyList<string> Styles(Occasion occasion) => Table[(int)occasion].Styles;

    /// <summary>
    /// The style affinity of an outfit whose mean unit style vector is <paramref name="style"/>: the share of its
    /// squared length on the occasion's styles, doubled and capped at 1.
    /// </summary>
    public static float Style(Occasion occasion, ReadOnlySpan<float> style)
    {
        var on = 0f;
        var all = 0f;
        foreach (var value in style)
        {
            all += value * value;
        }

        foreach (var index in StyleIndexes[(int)occasion])
        {
            on += style[index] * style[index];
        }

        return all > 0 ? MathF.Min(1f, 2f * on / all) : 0f;
    }

    /// <summary>The occasion term: <see cref="CategoryShare"/> × the mean category affinity + the rest × the style affinity.</summary>
    public static float Score(float meanCategoryAffinity, float styleAffinity) =>
        CategoryShare * meanCategoryAffinity + (1 - CategoryShare) * styleAffinity;

    /// <summary>The occasion's lower-case name, as the wire spells it.</summary>
    public static string NameOf(Occasion occasion) => occasion.ToString().ToLowerInvariant();
}
