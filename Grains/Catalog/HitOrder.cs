namespace OtMz.Grains.Catalog;

/// <summary>Best first: higher cosine, then smaller look id. Shards and the fan-out merge use the same order.</summary>
public sealed class HitOrder : IComparer<ShardHit>
{
    public static HitOrder Instance { get; } = new();

    public int Compare(ShardHit x, ShardHit y)
    {
        var byScore = y.Cosine.CompareTo(x.Cosine);
        return byScore != 0 ? byScore : string.CompareOrdinal(x.Look.Id, y.Look.Id);
    }
}
