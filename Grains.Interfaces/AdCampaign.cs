namespace OtMz.Grains.Interfaces;

/// <summary>An ad campaign's creative and its targeting. Budgets, caps and windows come with campaign management.</summary>
[GenerateSerializer, Immutable, Alias("otmz.ad-campaign")]
public sealed record AdCampaign(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? ImageUrl,
    [property: Id(3)] string? Link,
    [property: Id(4)] StyleVector TargetStyle,
    [property: Id(5)] Gender? TargetGender = null,
    [property: Id(6)] int? MinAge = null,
    [property: Id(7)] int? MaxAge = null);
