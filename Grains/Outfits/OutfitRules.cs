namespace OtMz.Grains.Outfits;

/// <summary>
/// What makes a set of garments an outfit, and what it must layer for the weather. The demo catalog generator
/// dresses every look by these rules; they stand apart from it so that outfits composed from a user's closet
/// can follow them too, and a composed outfit and a catalog look agree on what "wearable" means. Temperatures are the coldest the outfit has to handle (a look's
/// <see cref="Look.MinTempC"/>), in °C.
/// </summary>
public static class OutfitRules
{
    /// <summary>Below this an outfit needs an outer layer; from here up a top (or a one-piece) is warm enough.</summary>
    public const int OuterBelowC = 15;

    /// <summary>Below freezing the outer must be a heavy one and the barest tops are out.</summary>
    public const int HeavyOuterBelowC = 0;

    /// <summary>From this up the warmest tops are out: nobody layers a knit for a 20 °C day.</summary>
    public const int HotFromC = 20;

    // Arrays rather than lists: the demo generator draws with them on every look it makes.
    private static readonly string[] HeavyOuterCategories = ["coat", "padding"];
    private static readonly string[] TooLightForFrost = ["top", "bra-top"];
    private static readonly string[] TooWarmForHeat = ["knitwear", "hoodie"];

    private static readonly GarmentSlot[] SingleSlots =
        [GarmentSlot.Outer, GarmentSlot.Top, GarmentSlot.Bottom, GarmentSlot.OnePiece, GarmentSlot.Shoes, GarmentSlot.Bag];

    public static bool NeedsOuter(int minTempC) => minTempC < OuterBelowC;

    public static bool NeedsHeavyOuter(int minTempC) => minTempC < HeavyOuterBelowC;

    /// <summary>Whether an outer is warm enough below <see cref="HeavyOuterBelowC"/>: a coat or a padding.</summary>
    public static bool IsHeavyOuter(string category) => Array.IndexOf(HeavyOuterCategories, category) >= 0;

    /// <summary>The top categories that do not suit <paramref name="minTempC"/> (none in the mild middle).</summary>
    internal static string[] UnsuitableTops(int minTempC) =>
        minTempC < HeavyOuterBelowC ? TooLightForFrost : minTempC >= HotFromC ? TooWarmForHeat : [];

    public static bool IsSuitableTop(string category, int minTempC) => Array.IndexOf(UnsuitableTops(minTempC), category) < 0;

    /// <summary>A top that suits <paramref name="minTempC"/> whatever the style, for when a style offers none that does.</summary>
    public static string PlainTop(int minTempC) =>
        minTempC < HeavyOuterBelowC ? "knitwear" : minTempC >= HotFromC ? "t-shirt" : "shirt";

    /// <summary>
    /// Null when <paramref name="slots"/> make an outfit, else why not: a top and a bottom or a one-piece (not
    /// both), and at most one outer, one pair of shoes and one bag; accessories are any number.
    /// </summary>
    public static string? SlotProblem(IEnumerable<GarmentSlot> slots)
    {
        Span<int> counts = stackalloc int[Enum.GetValues<GarmentSlot>().Length];
        foreach (var slot in slots)
        {
            counts[(int)slot]++;
        }

        foreach (var single in SingleSlots)
        {
            if (counts[(int)single] > 1)
            {
                return $"An outfit has at most one {Name(single)}.";
            }
        }

        var top = counts[(int)GarmentSlot.Top] == 1;
        var bottom = counts[(int)GarmentSlot.Bottom] == 1;
        var onePiece = counts[(int)GarmentSlot.OnePiece] == 1;
        return (top, bottom, onePiece) switch
        {
            (true, true, false) or (false, false, true) => null,
            (_, _, true) => "An outfit has a one-piece or a top and a bottom, not both.",
            _ => "An outfit has a top and a bottom, or a one-piece.",
        };
    }

    /// <summary>
    /// Null when <paramref name="garments"/> make an outfit for <paramref name="minTempC"/>, else why not: the
    /// slots of <see cref="SlotProblem"/>, an outer below <see cref="OuterBelowC"/> (a heavy one below
    /// <see cref="HeavyOuterBelowC"/>), and a top that suits the temperature.
    /// </summary>
    public static string? Problem(IReadOnlyCollection<Garment> garments, int minTempC)
    {
        if (SlotProblem(garments.Select(g => g.Slot)) is { } slots)
        {
            return slots;
        }

        var outer = garments.FirstOrDefault(g => g.Slot == GarmentSlot.Outer);
        if (outer is null && NeedsOuter(minTempC))
        {
            return $"Below {OuterBelowC} °C an outfit needs an outer.";
        }

        if (outer is not null && NeedsHeavyOuter(minTempC) && !IsHeavyOuter(outer.Category))
        {
            return $"Below {HeavyOuterBelowC} °C the outer is one of {string.Join(", ", HeavyOuterCategories)}, not {outer.Category}.";
        }

        var top = garments.FirstOrDefault(g => g.Slot == GarmentSlot.Top);
        return top is not null && !IsSuitableTop(top.Category, minTempC)
            ? $"A {top.Category} does not suit {minTempC} °C."
            : null;
    }

    private static string Name(GarmentSlot slot) => slot switch
    {
        GarmentSlot.OnePiece => "one-piece",
        GarmentSlot.Shoes => "pair of shoes",
        _ => slot.ToString().ToLowerInvariant(),
    };
}
