namespace OtMz.Grains.Interfaces;

/// <summary>
/// The events the style hub sends to a user's devices, one per facet. Each argument is the facet's JSON as the
/// user grain wrote it once (<see cref="PushJson"/>), and the client reads it as the type named here; each payload
/// carries that facet's own version, so a client resyncs a facet when its version skips. The hub is
/// <c>Hub&lt;IStyleClient&gt;</c> and <see cref="PushPart.SendTo"/> calls these, so the method names are the event
/// names on the wire.
/// </summary>
public interface IStyleClient
{
    /// <summary>A <see cref="TasteSnapshot"/>.</summary>
    Task TasteUpdated(PushJson taste);

    /// <summary>A <see cref="LookRecommendations"/>.</summary>
    Task LooksUpdated(PushJson looks);

    /// <summary>An <see cref="AdRecommendations"/>.</summary>
    Task AdsUpdated(PushJson ads);

    /// <summary>A <see cref="ClosetSnapshot"/>.</summary>
    Task ClosetUpdated(PushJson closet);

    /// <summary>An <see cref="OutfitRecommendations"/>.</summary>
    Task OutfitsUpdated(PushJson outfits);
}
