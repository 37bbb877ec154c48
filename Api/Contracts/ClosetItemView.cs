using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>A closet item as clients see it: what was detected or corrected, and where its pictures are.</summary>
public sealed record ClosetItemView(
    string Id,
    GarmentSlot? Slot,
    string? Category,
    ImmutableArray<PaletteEntry> Colours,
    StyleVector StyleVector,
    ImmutableArray<StyleScore> Styles,
    bool StylesCorrected,
    string? StyleModel,
    string ImageUrl,
    string CutoutUrl,
    DateTimeOffset CreatedAt)
{
    public const string ItemsPath = "/api/v1/users/me/closet/items";

    public static ClosetItemView Of(ClosetItem item) => new(
        item.Id,
        item.Slot,
        item.Category,
        item.Colours,
        item.StyleVector,
        StyleScores.Rank(item.StyleVector.Values, 5, positiveOnly: true),
        item.StylesCorrected,
        item.StyleModel,
        $"{ItemsPath}/{item.Id}/image",
        $"{ItemsPath}/{item.Id}/cutout",
        item.CreatedAt);
}
