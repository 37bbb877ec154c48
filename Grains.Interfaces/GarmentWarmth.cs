using System.Collections.Frozen;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// How warm a garment is, on the platform's five-step scale (docs/outfits.md): 0 summer only, 1 light, 2 medium,
/// 3 warm, 4 heavy. A closet item's warmth is derived from its category here unless its owner corrected it; the
/// outfit composer weighs the clothing layers' warmth against the day's temperature, and never puts a summer-only
/// piece into an outfit for a day colder than <see cref="SummerOnlyFromC"/>.
/// </summary>
public static class GarmentWarmth
{
    public const int SummerOnly = 0;
    public const int Light = 1;
    public const int Medium = 2;
    public const int Warm = 3;
    public const int Heavy = 4;

    /// <summary>Below this temperature (°C) a summer-only piece is never suggested.</summary>
    public const int SummerOnlyFromC = 18;

    /// <summary>The warmth an item without a category gets until its owner says more.</summary>
    public const int Unknown = Medium;

    private static readonly FrozenDictionary<string, int> ByCategory = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["coat"] = Heavy, ["padding"] = Heavy, ["jumper"] = Warm, ["jacket"] = Warm, ["zip-up"] = Warm,
        ["cardigan"] = Medium, ["vest"] = Medium,
        ["knitwear"] = Warm, ["hoodie"] = Warm, ["shirt"] = Medium, ["blouse"] = Light, ["t-shirt"] = Light,
        ["top"] = SummerOnly, ["bra-top"] = SummerOnly,
        ["jeans"] = Medium, ["pants"] = Medium, ["jogger pants"] = Medium, ["leggings"] = Light, ["skirt"] = Light,
        ["dress"] = Light, ["jumpsuit"] = Medium,
        ["boots"] = Warm, ["sneakers"] = Medium, ["loafers"] = Medium, ["heels"] = Light, ["sandals"] = SummerOnly,
        ["tote"] = Medium, ["backpack"] = Medium, ["crossbody"] = Medium, ["clutch"] = Medium,
        ["cap"] = Medium, ["hat"] = Medium, ["scarf"] = Warm, ["belt"] = Medium, ["jewellery"] = Medium, ["sunglasses"] = Light,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The warmth of <paramref name="category"/>; <see cref="Unknown"/> when there is none.</summary>
    public static int Of(string? category) => category is not null && ByCategory.TryGetValue(category, out var warmth) ? warmth : Unknown;

    public static bool IsValid(int warmth) => warmth is >= SummerOnly and <= Heavy;
}
