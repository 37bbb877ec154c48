namespace OtMz.Grains.Interfaces;

/// <summary>
/// One event on a user's push stream. A push carries the taste, looks and ads of one version together (one
/// stream event per push, not three), each already in the JSON its hub event sends (<see cref="PushJson"/>);
/// Api nodes forward each payload that is set to the user's SignalR group as TasteUpdated, LooksUpdated and
/// AdsUpdated, in that order. <see cref="Kind"/> is Looks for such a push, and Profile when only the region
/// changed (no payload).
/// </summary>
/// <remarks>
/// The memory stream serializes every event and each relay's pulling agent reads it back. Carrying the payloads
/// as JSON bytes keeps that a copy of three byte arrays; the typed graphs (a few hundred objects, about 180 KiB
/// of allocation per push through the stream) stay in the grain. The payloads' records that are classes are
/// marked <c>SuppressReferenceTracking</c> for the grain calls that carry them: their graphs have no cycles and
/// no shared objects worth keeping, and tracking them grew a reference table on both sides of every call.
/// </remarks>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.user-update")]
public sealed record UserUpdate(
    [property: Id(0)] UserUpdateKind Kind,
    [property: Id(1)] long Version,
    [property: Id(2)] PushJson? Taste = null,
    [property: Id(3)] PushJson? Looks = null,
    [property: Id(4)] PushJson? Ads = null,
    [property: Id(5)] string? Region = null,
    [property: Id(6)] DateTimeOffset PublishedAt = default);
