using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>The caller's closet, oldest item first, with the closet style stat that follows from it.</summary>
public sealed record ClosetItemList(ImmutableArray<ClosetItemView> Items, ClosetStyle Style);
