namespace OtMz.Vision;

/// <summary>
/// The style model: pictures in, 23 multi-label style probabilities out (docs/styles.md order). Safe to call from many
/// requests at once; a call with several images runs them as one batch.
/// </summary>
public interface IStyleModel
{
    /// <summary>What the model file declares: its name, producer and input size.</summary>
    StyleModelInfo Info { get; }

    /// <summary>One probability vector (23 entries in [0, 1]) per image, in order.</summary>
    Task<float[][]> PredictAsync(IReadOnlyList<DecodedImage> images, CancellationToken cancellationToken = default);
}

/// <summary>Where a style model came from and what it takes.</summary>
public sealed record StyleModelInfo(string Path, string Name, string Producer, int InputHeight, int InputWidth);
