using System.Collections.Frozen;

namespace OtMz.Grains.Interfaces;

/// <summary>The K-Fashion labelling vocabulary for garments (docs/styles.md), used to validate and to generate.</summary>
public static class GarmentVocabulary
{
    public static FrozenDictionary<GarmentSlot, string[]> CategoriesBySlot { get; } = new Dictionary<GarmentSlot, string[]>
    {
        [GarmentSlot.Outer] = ["coat", "jacket", "jumper", "padding", "vest", "cardigan", "zip-up"],
        [GarmentSlot.Top] = ["top", "blouse", "t-shirt", "knitwear", "shirt", "bra-top", "hoodie"],
        [GarmentSlot.Bottom] = ["jeans", "pants", "skirt", "leggings", "jogger pants"],
        [GarmentSlot.OnePiece] = ["dress", "jumpsuit"],
        // Shoes, bags and accessories are the platform's own addition for closets; K-Fashion labels none.
        [GarmentSlot.Shoes] = ["sneakers", "boots", "loafers", "heels", "sandals"],
        [GarmentSlot.Bag] = ["tote", "backpack", "crossbody", "clutch"],
        [GarmentSlot.Accessory] = ["cap", "hat", "scarf", "belt", "jewellery", "sunglasses"],
    }.ToFrozenDictionary();

    public static IReadOnlyList<string> Prints { get; } =
    [
        "check", "stripe", "zigzag", "leopard", "zebra", "dot", "camouflage", "paisley", "argyle", "floral",
        "graphic", "lettering", "tie-dye", "mixed", "plain", "houndstooth", "gingham", "heart", "skull",
        "snakeskin", "gradation",
    ];

    public static IReadOnlyList<string> Materials { get; } =
    [
        "padding", "mustang", "puff", "neoprene", "corduroy", "tweed", "jacquard", "knit", "peplum", "lace",
        "spandex", "mesh", "vinyl/PVC", "denim", "wool/cashmere", "jersey", "sequin/glitter", "fur", "hair knit",
        "silk", "linen", "fleece", "chiffon", "suede", "leather", "woven", "velvet",
    ];

    public static bool IsCategoryOf(GarmentSlot slot, string? category) =>
        category is not null && CategoriesBySlot.TryGetValue(slot, out var categories) && categories.Contains(category);
}
