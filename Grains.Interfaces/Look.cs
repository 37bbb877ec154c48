using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>A look (착장): a whole outfit in the catalog, with the style vector it is ranked by.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.look")]
public sealed record Look(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? ImageUrl,
    [property: Id(3)] Gender Gender,
    [property: Id(4)] ImmutableArray<Season> Seasons,
    [property: Id(5)] ImmutableArray<Occasion> Occasions,
    [property: Id(6)] int MinTempC,
    [property: Id(7)] int MaxTempC,
    [property: Id(8)] ImmutableArray<PaletteEntry> Palette,
    [property: Id(9)] ImmutableArray<Garment> Garments,
    [property: Id(10)] StyleVector StyleVector);
