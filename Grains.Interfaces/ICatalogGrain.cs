namespace OtMz.Grains.Interfaces;

/// <summary>
/// The catalog's single writer and change counter (key 0): admin writes go through it to the store, the
/// owning shard and the look's uploaded photo, and user grains compare its version to know whether a cached
/// result is still current. Reads go to <see cref="ICatalogQueryGrain"/>.
/// </summary>
[Alias("otmz.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithIntegerKey
{
    [Alias("version"), ReadOnly, AlwaysInterleave]
    Task<long> GetVersion();

    /// <summary>
    /// Creates the look or replaces the one with its id, in one call: the store, the live shard and, when the
    /// photo changed, the previous uploaded photo. A step that fails undoes the ones before it and the call throws,
    /// so readers see the old look or the new one, never a mix.
    /// </summary>
    [Alias("upsert")]
    Task<LookWriteResult> Upsert(Look look);

    /// <summary>Deletes the look and the photo uploaded for it; false if there was no such look.</summary>
    [Alias("delete")]
    Task<bool> Delete(string lookId);
}
