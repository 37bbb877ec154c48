namespace OtMz.Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("otmz.recommendation-query")]
public sealed record RecommendationQuery([property: Id(0)] int K, [property: Id(1)] Occasion? Occasion = null)
{
    public const int MaxK = 50;
    public const int DefaultK = 20;
}
