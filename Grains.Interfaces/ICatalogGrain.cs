namespace OtMz.Grains.Interfaces;

/// <summary>
/// The catalog's single writer and change counter (key 0): admin writes go through it to the store and the
/// owning shard, and user grains compare its version to know whether a cached result is still current.
/// </summary>
[Alias("otmz.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    [Alias("version"), ReadOnly, AlwaysInterleave]
    Task<long> GetVersion();

    [Alias("upsert")]
    Task<long> Upsert(Look look);

    [Alias("delete")]
    Task<bool> Delete(string lookId);
}
