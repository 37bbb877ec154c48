namespace OtMz.Grains.Catalog;

/// <summary>
/// Where catalog shards load their slice from on activation and where admin writes are kept. The embedded
/// run uses <see cref="InMemoryCatalogStore"/>; the cluster mode puts looks in a database table.
/// </summary>
public interface ICatalogStore
{
    Task<IReadOnlyList<Look>> LoadShardAsync(int shard, int shardCount, CancellationToken cancellationToken);

    Task UpsertAsync(Look look, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string lookId, CancellationToken cancellationToken);
}
