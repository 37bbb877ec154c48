namespace OtMz.Grains.Interfaces;

/// <summary>
/// One stored image, keyed by its id. Api nodes write and read images through it, so every topology reaches the
/// same store (memory in the embedded run, the images table in PostgreSQL otherwise); an active grain keeps the
/// bytes for repeated reads.
/// </summary>
[Alias("otmz.IImageGrain")]
public interface IImageGrain : IGrainWithStringKey
{
    [Alias("put")]
    Task Put(StoredImage image);

    [Alias("get")]
    Task<StoredImage?> Get();

    [Alias("delete")]
    Task Delete();

    /// <summary>Deletes the image only if it is the catalog photo uploaded for <paramref name="lookId"/>; true if it did.</summary>
    [Alias("delete-for-look")]
    Task<bool> DeleteForLook(string lookId);
}
