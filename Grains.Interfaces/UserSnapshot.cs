namespace OtMz.Grains.Interfaces;

/// <summary>Everything a client shows, at one version: what a client asks for after a reconnect or a version gap.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.user-snapshot")]
public sealed record UserSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] TasteSnapshot Taste,
    [property: Id(2)] LookRecommendations Looks,
    [property: Id(3)] AdRecommendations Ads);
