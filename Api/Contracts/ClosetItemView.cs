using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>
/// A closet item as clients see it: what was detected or corrected, whether it can be worn today and when it was,
/// and where its pictures are. <see cref="CutoutUncertain"/> tells the client to show the cutout with a warning:
/// the remover was not sure where the garment ends.
/// </summary>
public sealed record ClosetItemView(
    string Id,
    GarmentSlot? Slot,
    string? Category,
    ImmutableArray<PaletteEntry> Colours,
    Print? Print,
    StyleVector StyleVector,
    ImmutableArray<StyleScore> Styles,
    bool StylesCorrected,
    string? StyleModel,
    int Warmth,
    bool WarmthCorrected,
    Availability Availability,
    ImmutableArray<DateOnly> WornOn,
    int WornCount,
    bool CutoutUncertain,
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
        item.Print,
        item.StyleVector,
        StyleScores.Rank(item.StyleVector.Values, 5, positiveOnly: true),
        item.StylesCorrected,
        item.StyleModel,
        item.Warmth,
        item.WarmthCorrected is not null,
        item.Availability,
        item.WornOn.IsDefault ? [] : item.WornOn,
        item.WornCount,
        item.CutoutUncertain,
        $"{ItemsPath}/{item.Id}/image",
        $"{ItemsPath}/{item.Id}/cutout",
        item.CreatedAt);
}
