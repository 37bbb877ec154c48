using System.Collections.Immutable;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// Hard filters a shard applies inside its scan. A null field does not filter. Gender women or men also
/// admits unisex looks. Excluded ids (disliked looks) never come back.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.look-filter")]
public sealed record LookFilter(
    [property: Id(0)] Gender? Gender = null,
    [property: Id(1)] Season? Season = null,
    [property: Id(2)] Occasion? Occasion = null,
    [property: Id(3)] ImmutableArray<string> ExcludedIds = default)
{
    public static LookFilter None { get; } = new();
}
