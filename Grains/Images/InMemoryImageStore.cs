using System.Collections.Concurrent;

namespace OtMz.Grains.Images;

/// <summary>The embedded run's image store: the silo process's memory, gone when it stops.</summary>
public sealed class InMemoryImageStore : IImageStore
{
    private readonly ConcurrentDictionary<string, StoredImage> _images = new(StringComparer.Ordinal);

    public Task SaveAsync(StoredImage image, CancellationToken cancellationToken)
    {
        _images[image.Id] = image;
        return Task.CompletedTask;
    }

    public Task<StoredImage?> LoadAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_images.GetValueOrDefault(id));

    public Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        _images.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
