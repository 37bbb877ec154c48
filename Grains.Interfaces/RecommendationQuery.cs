using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// A read of the user's ranked looks: <see cref="K"/> of them, for <see cref="Occasion"/> if given, leaving out the
/// looks the client already shows (<see cref="Exclude"/>, see <see cref="ExcludeRules"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.recommendation-query")]
public sealed record RecommendationQuery(
    [property: Id(0)] int K,
    [property: Id(1)] Occasion? Occasion = null,
    [property: Id(2)] ImmutableArray<string> Exclude = default)
{
    public const int MaxK = 50;
    public const int DefaultK = 20;
}
