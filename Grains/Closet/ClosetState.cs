namespace OtMz.Grains.Closet;

/// <summary>
/// What the closet grain stores for one user, apart from the user grain's state, so that a signal's write does not
/// carry the closet and a closet change does not rewrite the taste.
/// </summary>
[GenerateSerializer, Alias("otmz.closet-state")]
public sealed class ClosetState
{
    /// <summary>Oldest first.</summary>
    [Id(0)]
    public List<StoredClosetItem> Items { get; set; } = [];

    /// <summary>Moves on with every change of the items; the closet facet's version clients see.</summary>
    [Id(1)]
    public long Version { get; set; }

    [Id(2)]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The latest outfits worn, newest first, at most <see cref="MaxWears"/>.</summary>
    [Id(3)]
    public List<StoredWear> Wears { get; set; } = [];

    /// <summary>Every outfit ever reported worn, including those no longer in <see cref="Wears"/>.</summary>
    [Id(4)]
    public long WearCount { get; set; }

    /// <summary>How many worn outfits the closet remembers: the composer's repeat window and the wear ids' idempotency.</summary>
    public const int MaxWears = 100;
}
