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

    public static bool IsCategoryOf(GarmentSlot slot, string? category) =>
        category is not null && CategoriesBySlot.TryGetValue(slot, out var categories) && categories.Contains(category);
}
