using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>One recommended campaign with its score and the reasons it was picked; a value, for the reason given on <see cref="Reason"/>.</summary>
[GenerateSerializer, Immutable, Alias("otmz.recommended-ad")]
public readonly record struct RecommendedAd(
    [property: Id(0), JsonRequired] AdCampaign Campaign,
    [property: Id(1), JsonRequired] float Score,
    [property: Id(2), JsonRequired] ImmutableArray<Reason> Reasons);
