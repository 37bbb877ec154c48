namespace OtMz.Grains.Interfaces;

/// <summary>
/// One event on a user's push stream. A push carries the taste, looks and ads of one version together (one
/// stream event per push, not three); Api nodes forward each payload that is set to the user's SignalR group as
/// TasteUpdated, LooksUpdated and AdsUpdated, in that order. <see cref="Kind"/> is Looks for such a push, so a
/// relay that still forwards only the payload its kind names delivers the looks, and Profile when only the
/// region changed (no payload).
/// </summary>
/// <remarks>
/// The memory stream serializes every push and the relay's pulling agent reads it back, a few hundred objects
/// each time. This type and everything it carries (and the shard hits a recompute gathers) are marked
/// <c>SuppressReferenceTracking</c>: their graphs have no cycles and no shared objects worth keeping, they are
/// never grain state, and tracking them filled and grew a reference table on both sides of every push (about a
/// seventh of a signal's allocations, docs/benchmarks.md).
/// </remarks>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.user-update")]
public sealed record UserUpdate(
    [property: Id(0)] UserUpdateKind Kind,
    [property: Id(1)] long Version,
    [property: Id(2)] TasteSnapshot? Taste = null,
    [property: Id(3)] LookRecommendations? Looks = null,
    [property: Id(4)] AdRecommendations? Ads = null,
    [property: Id(5)] string? Region = null,
    [property: Id(6)] DateTimeOffset PublishedAt = default);
