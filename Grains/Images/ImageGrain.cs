namespace OtMz.Grains.Images;

/// <summary>
/// One stored image. The store is the truth; the activation keeps the bytes it last wrote or read, so a look's
/// photo shown to many users is read from the database once per activation.
/// </summary>
public sealed class ImageGrain(IImageStore store) : Grain, IImageGrain
{
    private StoredImage? _image;
    private bool _loaded;

    public async Task Put(StoredImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Id != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Image '{image.Id}' cannot be stored as '{this.GetPrimaryKeyString()}'.", nameof(image));
        }

        await store.SaveAsync(image, CancellationToken.None);
        (_image, _loaded) = (image, true);
    }

    public async Task<StoredImage?> Get()
    {
        if (!_loaded)
        {
            _image = await store.LoadAsync(this.GetPrimaryKeyString(), CancellationToken.None);
            _loaded = true;
        }

        return _image;
    }

    public async Task Delete()
    {
        await store.DeleteAsync(this.GetPrimaryKeyString(), CancellationToken.None);
        (_image, _loaded) = (null, true);
        DeactivateOnIdle();
    }

    /// <summary>The check and the delete happen in one turn of this grain, so no Put can slip between them.</summary>
    public async Task<bool> DeleteForLook(string lookId)
    {
        if (await Get() is not { OwnerId: null } image || image.LookId != lookId)
        {
            return false;
        }

        await Delete();
        return true;
    }
}
