using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// "I wore this": the closet items worn together on <see cref="Day"/>. <see cref="Id"/> is the client's and makes
/// the report idempotent: the same id reported again is acknowledged and changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.outfit-wear")]
public sealed record OutfitWear(
    [property: Id(0)] string Id,
    [property: Id(1)] ImmutableArray<string> ItemIds,
    [property: Id(2)] DateOnly Day);

/// <summary>What came of an <see cref="OutfitWear"/>: recorded (or already recorded), or refused with the fields at fault.</summary>
[GenerateSerializer, Immutable, Alias("otmz.wear-result")]
public sealed record WearResult(
    [property: Id(0)] bool Recorded,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] ImmutableArray<FieldError> Errors,
    [property: Id(3)] bool NotFound,
    [property: Id(4)] long Version)
{
    public static WearResult Ok(long version, bool duplicate) => new(true, duplicate, [], false, version);

    public static WearResult Refused(ImmutableArray<FieldError> errors, bool notFound) => new(false, false, errors, notFound, 0);
}

/// <summary>
/// Everything the outfit composer needs from a closet, at one closet version: the items and the outfits worn
/// lately (newest first), so a repeat of a recent combination can be held back.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.closet-contents")]
public sealed record ClosetContents(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<ClosetItem> Items,
    [property: Id(2)] ImmutableArray<OutfitWear> Worn,
    [property: Id(3)] long WearCount = 0);
