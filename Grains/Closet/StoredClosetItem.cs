namespace OtMz.Grains.Closet;

/// <summary>
/// A closet item as grain storage keeps it: plain arrays and numbers (wear days as day numbers), so every storage
/// serializer (the JSON one of the ADO.NET provider included) reads back what it wrote; <see cref="ClosetItem"/>
/// checks it again on the way out.
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
    [property: Id(9)] string? StyleModel,
    [property: Id(10)] bool CutoutUncertain = false,
    [property: Id(11)] Print? Print = null,
    [property: Id(12)] int? WarmthCorrected = null,
    [property: Id(13)] Availability Availability = Availability.Available,
    [property: Id(14)] int[]? WornDays = null,
    [property: Id(15)] int WornCount = 0)
{
    public static StoredClosetItem Of(ClosetItem item) => new(item.Id, item.Slot, item.Category, [.. item.Colours], item.StyleVector.ToArray(),
        item.ImageId, item.CutoutImageId, item.CreatedAt, item.StylesCorrected, item.StyleModel, item.CutoutUncertain, item.Print,
        item.WarmthCorrected, item.Availability, item.WornOn.IsDefaultOrEmpty ? null : [.. item.WornOn.Select(d => d.DayNumber)], item.WornCount);

    public ClosetItem ToItem() => new(Id, Slot, Category, [.. Colours], StyleVector.Create(Styles), ImageId, CutoutImageId, CreatedAt,
        StylesCorrected, StyleModel, CutoutUncertain, Print, WarmthCorrected, Availability,
        WornDays is null ? [] : [.. WornDays.Select(DateOnly.FromDayNumber)], WornCount);
}
