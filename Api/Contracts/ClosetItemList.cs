using System.Collections.Immutable;

namespace OtMz.Api.Contracts;

/// <summary>
/// The caller's closet, oldest item first, with the closet style stat that follows from it and the closet's version
/// (the one ClosetUpdated carries).
/// </summary>
public sealed record ClosetItemList(ImmutableArray<ClosetItemView> Items, ClosetStyle Style, long Version);
