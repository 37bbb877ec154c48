namespace OtMz.Grains.Interfaces;

/// <summary>
/// One event on a user's push stream. Exactly the payload named by <see cref="Kind"/> is set; Api nodes
/// forward it to the user's SignalR group as TasteUpdated, LooksUpdated or AdsUpdated.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.user-update")]
public sealed record UserUpdate(
    [property: Id(0)] UserUpdateKind Kind,
    [property: Id(1)] long Version,
    [property: Id(2)] TasteSnapshot? Taste = null,
    [property: Id(3)] LookRecommendations? Looks = null,
    [property: Id(4)] AdRecommendations? Ads = null,
    [property: Id(5)] string? Region = null,
    [property: Id(6)] DateTimeOffset PublishedAt = default);
