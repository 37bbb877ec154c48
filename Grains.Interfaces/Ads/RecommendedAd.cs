using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>One delivered ad: the campaign's creative, its score for this user, and the reasons it was picked.</summary>
[GenerateSerializer, Immutable, Alias("otmz.recommended-ad")]
public readonly record struct RecommendedAd(
    [property: Id(0), JsonRequired] AdCreative Campaign,
    [property: Id(1), JsonRequired] float Score,
    [property: Id(2), JsonRequired] ImmutableArray<Reason> Reasons);
