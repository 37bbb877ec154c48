namespace OtMz.Grains.Images;

/// <summary>
/// Where <see cref="ImageGrain"/> keeps image bytes: <see cref="InMemoryImageStore"/> in the embedded run, the
/// images table in the cluster mode.
/// </summary>
public interface IImageStore
{
    Task SaveAsync(StoredImage image, CancellationToken cancellationToken);

    Task<StoredImage?> LoadAsync(string id, CancellationToken cancellationToken);

    Task DeleteAsync(string id, CancellationToken cancellationToken);
}
