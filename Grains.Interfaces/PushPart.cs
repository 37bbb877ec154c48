namespace OtMz.Grains.Interfaces;

/// <summary>
/// One facet of a push: its version and its hub event's argument, already JSON (<see cref="PushJson"/>). Each kind
/// of part is built only from its facet's type and knows its one hub event (<see cref="SendTo"/>), so the stream
/// and the Api's relay carry any number of parts without knowing their kinds: a new facet is one more part type
/// here and one more event on <see cref="IStyleClient"/>.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.push-part")]
public abstract record PushPart
{
    private protected PushPart(long version, PushJson json)
    {
        Version = version;
        Json = json;
    }

    /// <summary>The facet's version in the payload.</summary>
    [Id(0)]
    public long Version { get; init; }

    [Id(1)]
    public PushJson Json { get; init; }

    /// <summary>Sends this part as its hub event.</summary>
    public abstract Task SendTo(IStyleClient client);
}

/// <summary>TasteUpdated: the taste, at the user's taste version.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.push-part.taste")]
public sealed record TastePart : PushPart
{
    private TastePart(long version, PushJson json) : base(version, json)
    {
    }

    public static TastePart Of(TasteSnapshot taste) => new(taste.Version, PushJson.Of(taste));

    public override Task SendTo(IStyleClient client) => client.TasteUpdated(Json);
}

/// <summary>LooksUpdated: the recommended looks, at the looks version.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.push-part.looks")]
public sealed record LooksPart : PushPart
{
    private LooksPart(long version, PushJson json) : base(version, json)
    {
    }

    public static LooksPart Of(LookRecommendations looks) => new(looks.Version, PushJson.Of(looks));

    public override Task SendTo(IStyleClient client) => client.LooksUpdated(Json);
}

/// <summary>AdsUpdated: the ads, at the ads version.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.push-part.ads")]
public sealed record AdsPart : PushPart
{
    private AdsPart(long version, PushJson json) : base(version, json)
    {
    }

    public static AdsPart Of(AdRecommendations ads) => new(ads.Version, PushJson.Of(ads));

    public override Task SendTo(IStyleClient client) => client.AdsUpdated(Json);
}

/// <summary>ClosetUpdated: the closet's style stat, at the closet version.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.push-part.closet")]
public sealed record ClosetPart : PushPart
{
    private ClosetPart(long version, PushJson json) : base(version, json)
    {
    }

    public static ClosetPart Of(ClosetSnapshot closet) => new(closet.Version, PushJson.Of(closet));

    public override Task SendTo(IStyleClient client) => client.ClosetUpdated(Json);
}

/// <summary>OutfitsUpdated: the outfits composed from the closet, at the outfits version.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.push-part.outfits")]
public sealed record OutfitsPart : PushPart
{
    private OutfitsPart(long version, PushJson json) : base(version, json)
    {
    }

    public static OutfitsPart Of(OutfitRecommendations outfits) => new(outfits.Version, PushJson.Of(outfits));

    public override Task SendTo(IStyleClient client) => client.OutfitsUpdated(Json);
}
