using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A garment in a user's own closet: what the platform detected in its photo (colours, style, whether the cutout
/// can be trusted), what the user corrected or told (slot, category, styles, print, warmth), whether it can be
/// worn today (<see cref="Availability"/>), when it was worn, and the stored photo and background-free cutout.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.closet-item")]
public sealed record ClosetItem(
    [property: Id(0)] string Id,
    [property: Id(1)] GarmentSlot? Slot,
    [property: Id(2)] string? Category,
    [property: Id(3)] ImmutableArray<PaletteEntry> Colours,
    [property: Id(4)] StyleVector StyleVector,
    [property: Id(5)] string ImageId,
    [property: Id(6)] string CutoutImageId,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] bool StylesCorrected = false,
    [property: Id(9)] string? StyleModel = null,
    [property: Id(10)] bool CutoutUncertain = false,
    [property: Id(11)] Print? Print = null,
    [property: Id(12)] int? WarmthCorrected = null,
    [property: Id(13)] Availability Availability = Availability.Available,
    [property: Id(14)] ImmutableArray<DateOnly> WornOn = default,
    [property: Id(15)] int WornCount = 0)
{
    /// <summary>Most wear dates an item keeps; <see cref="WornCount"/> keeps counting past them.</summary>
    public const int MaxWornLog = 30;

    /// <summary>The owner's warmth if they gave one, else the category's (<see cref="GarmentWarmth"/>).</summary>
    public int Warmth => WarmthCorrected ?? GarmentWarmth.Of(Category);

    /// <summary>The latest day the item was worn; null if never.</summary>
    public DateOnly? LastWorn => WornOn.IsDefaultOrEmpty ? null : WornOn[0];

    /// <summary>This item worn on <paramref name="day"/>: the log stays newest first, without repeats, and bounded.</summary>
    public ClosetItem Worn(DateOnly day)
    {
        var log = WornOn.IsDefault ? [] : WornOn;
        if (log.Contains(day))
        {
            return this;
        }

        var updated = log.Add(day).Sort((a, b) => b.CompareTo(a));
        return this with { WornOn = updated.Length > MaxWornLog ? updated[..MaxWornLog] : updated, WornCount = WornCount + 1 };
    }
}
