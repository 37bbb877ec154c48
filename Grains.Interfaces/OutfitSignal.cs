using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A like, save or dislike of an outfit composed from the user's closet, named by its items. <see cref="Id"/> is the
/// client's, shared with the look signals' ids: a repeat is acknowledged and ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.outfit-signal")]
public sealed record OutfitSignal(
    [property: Id(0)] string Id,
    [property: Id(1)] SignalType Type,
    [property: Id(2)] ImmutableArray<string> ItemIds)
{
    public static bool IsOutfitType(SignalType type) => type is SignalType.Like or SignalType.Save or SignalType.Dislike;
}

/// <summary>What to complete: closet items and/or one garment of a catalog look, for an occasion.</summary>
[GenerateSerializer, Immutable, Alias("otmz.completion-query")]
public sealed record CompletionQuery(
    [property: Id(0)] ImmutableArray<string> ItemIds,
    [property: Id(1)] string? LookId,
    [property: Id(2)] int? GarmentIndex,
    [property: Id(3)] Occasion? Occasion);

/// <summary>One suggestion for a missing slot: a closet item, or a garment of a catalog look, with its reasons.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.completion-suggestion")]
public sealed record CompletionSuggestion(
    [property: Id(0)] string Source,
    [property: Id(1)] string? ItemId,
    [property: Id(2)] string? LookId,
    [property: Id(3)] int? GarmentIndex,
    [property: Id(4)] string? Category,
    [property: Id(5)] Colour? Colour,
    [property: Id(6)] float Score,
    [property: Id(7)] ImmutableArray<Reason> Reasons);

/// <summary>The suggestions for one missing slot: the closet's first, then the catalog's; why none when there are none.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.completion-slot")]
public sealed record CompletionSlot(
    [property: Id(0)] GarmentSlot Slot,
    [property: Id(1)] ImmutableArray<CompletionSuggestion> Closet,
    [property: Id(2)] ImmutableArray<CompletionSuggestion> Catalog,
    [property: Id(3)] string? EmptyReason);

/// <summary>
/// The answer to a completion: suggestions per missing slot, or the fields at fault (unknown items or look, a
/// garment index out of range, fixed pieces that cannot be one outfit).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.completion-result")]
public sealed record CompletionResult(
    [property: Id(0)] ImmutableArray<CompletionSlot> Slots,
    [property: Id(1)] ImmutableArray<FieldError> Errors,
    [property: Id(2)] bool NotFound)
{
    public static CompletionResult Refused(ImmutableArray<FieldError> errors, bool notFound) => new([], errors, notFound);
}
