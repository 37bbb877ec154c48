namespace OtMz.Grains.Closet;

/// <summary>
/// A closet item as grain storage keeps it: plain arrays, so every storage serializer (the JSON one of the
/// ADO.NET provider included) reads back what it wrote; <see cref="ClosetItem"/> checks it again on the way out.
/// </summary>
[GenerateSerializer, Alias("otmz.stored-closet-item")]
public sealed record StoredClosetItem(
    [property: Id(0)] string Id,
    [property: Id(1)] GarmentSlot? Slot,
    [property: Id(2)] string? Category,
    [property: Id(3)] PaletteEntry[] Colours,
    [property: Id(4)] float[] Styles,
    [property: Id(5)] string ImageId,
    [property: Id(6)] string CutoutImageId,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] bool StylesCorrected,
    [property: Id(9)] string? StyleModel)
{
    public static StoredClosetItem Of(ClosetItem item) => new(item.Id, item.Slot, item.Category, [.. item.Colours], item.StyleVector.ToArray(),
        item.ImageId, item.CutoutImageId, item.CreatedAt, item.StylesCorrected, item.StyleModel);

    public ClosetItem ToItem() => new(Id, Slot, Category, [.. Colours], StyleVector.Create(Styles), ImageId, CutoutImageId, CreatedAt,
        StylesCorrected, StyleModel);
}
