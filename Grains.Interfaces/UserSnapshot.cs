namespace OtMz.Grains.Interfaces;

/// <summary>
/// Everything a client shows, each facet at its own version (<see cref="Version"/> is the taste's): what a client
/// asks for after a reconnect or when a facet's version skips.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.user-snapshot")]
public sealed record UserSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] TasteSnapshot Taste,
    [property: Id(2)] LookRecommendations Looks,
    [property: Id(3)] AdRecommendations Ads,
    [property: Id(4)] ClosetSnapshot Closet,
    [property: Id(5)] OutfitRecommendations Outfits);
