using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// One event on a user's push stream. A push carries the facets that changed since the last one as typed
/// <see cref="Parts"/> (taste, looks, ads, closet: one stream event per push, not one per facet), each already in
/// the JSON its hub event sends; Api nodes send each part to the user's SignalR group in order, without knowing its
/// kind. An event that moves the user's region (<see cref="MovesRegion"/>) tells Api nodes to watch that region's
/// weather for the user instead.
/// </summary>
/// <remarks>
/// The memory stream serializes every event and each relay's pulling agent reads it back. Carrying the payloads
/// as JSON bytes keeps that a copy of a few byte arrays; the typed graphs (a few hundred objects, about 180 KiB
/// of allocation per push through the stream) stay in the grain. The payloads' records that are classes are
/// marked <c>SuppressReferenceTracking</c> for the grain calls that carry them: their graphs have no cycles and
/// no shared objects worth keeping, and tracking them grew a reference table on both sides of every call.
/// </remarks>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.user-update")]
public sealed record UserUpdate(
    [property: Id(0)] ImmutableArray<PushPart> Parts,
    [property: Id(1)] bool MovesRegion = false,
    [property: Id(2)] string? Region = null,
    [property: Id(3)] DateTimeOffset PublishedAt = default)
{
    /// <summary>The profile's region is now <paramref name="region"/> (null: none); no parts.</summary>
    public static UserUpdate RegionMoved(string? region) => new([], MovesRegion: true, Region: region);
}
